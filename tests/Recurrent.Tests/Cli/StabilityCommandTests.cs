using System.Xml.Linq;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;

namespace Recurrent.Tests.Cli;

public class StabilityCommandTests
{
    [Fact]
    public void Stability_WritesEverySvgWithItsCsv_AndAReportEmbeddingThem()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"stability-{Guid.NewGuid():N}");
        string matrix = Path.Combine(Path.GetTempPath(), $"w-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(matrix, "# a rotation by 90°\n0 -1\n1, 0\n");
            var (code, output, err) =
                CliHarness.Run("stability", "--out", dir, "--size", "3", "--steps", "8", "--matrix", matrix);
            Assert.True(code == 0, err);
            Assert.Contains("linear |λ|max = 1.1", output);
            var svgs = Directory.GetFiles(dir, "*.svg");
            Assert.Equal(7, svgs.Length);
            string report = File.ReadAllText(Path.Combine(dir, "report.md"));
            foreach (var svg in svgs)
            {
                XDocument.Load(svg);
                Assert.True(File.Exists(Path.ChangeExtension(svg, ".csv")), svg);
                Assert.Contains($"]({Path.GetFileName(svg)})", report);
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            File.Delete(matrix);
        }
    }

    [Fact]
    public void Stability_OnACharLanguageModelCheckpoint_AddsStepJacobianNormsAlongTheText()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"stability-{Guid.NewGuid():N}");
        string checkpoint = Path.Combine(Path.GetTempPath(), $"lstm-{Guid.NewGuid():N}.safetensors");
        string text = Path.Combine(Path.GetTempPath(), $"text-{Guid.NewGuid():N}.txt");
        try
        {
            var config = new CharLanguageModelConfig(CellKind.Lstm, VocabularySize: 3, HiddenSize: 3, NumLayers: 2,
                Embedding: 2);
            CharLanguageModelCheckpoint.Save(new CharLanguageModel<float>(config, new Random(1)), ["a", "b", " "],
                checkpoint);
            File.WriteAllText(text, "ab?ba ab!");
            var (code, output, err) = CliHarness.Run("stability", "--out", dir, "--size", "2", "--steps", "4",
                "--checkpoint", checkpoint, "--text", text, "--jacobian-steps", "6");
            Assert.True(code == 0, err);
            Assert.Contains("checkpoint step Jacobian layer 1, ‖∂h_t/∂h_{t−1}‖₂: median", output);
            XDocument.Load(Path.Combine(dir, "checkpoint-step-jacobians.svg"));
            var csv = File.ReadAllLines(Path.Combine(dir, "checkpoint-step-jacobians.csv"));
            Assert.Equal("t,spectral_l0,frobenius_l0,state_spectral_l0,spectral_l1,frobenius_l1,state_spectral_l1",
                csv[0]);
            Assert.Equal(7, csv.Length);
            string report = File.ReadAllText(Path.Combine(dir, "report.md"));
            Assert.Contains("first 6 characters of `" + Path.GetFileName(text)
                + "` that its vocabulary holds (characters outside it skipped: 1)", report);
            Assert.Contains("fraction of steps > 1", report);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            File.Delete(checkpoint);
            File.Delete(text);
        }
    }

    [Fact]
    public void Stability_RejectsARaggedMatrixFile()
    {
        string matrix = Path.Combine(Path.GetTempPath(), $"w-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(matrix, "1 2\n3\n");
            CliHarness.AssertBadInput(":2: expected 2 numbers", "stability", "--out", Path.GetTempPath(), "--matrix",
                matrix);
            CliHarness.AssertBadInput("nonexistent.safetensors", "stability", "--out", Path.GetTempPath(),
                "--checkpoint", "/nonexistent.safetensors");
        }
        finally
        {
            File.Delete(matrix);
        }
    }
}
