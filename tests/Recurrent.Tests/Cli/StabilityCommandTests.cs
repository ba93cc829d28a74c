using System.Xml.Linq;

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
            var (code, output, err) = CliHarness.Run("stability", "--out", dir, "--size", "3", "--steps", "8", "--matrix", matrix);
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
    public void Stability_RejectsARaggedMatrixFile()
    {
        string matrix = Path.Combine(Path.GetTempPath(), $"w-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(matrix, "1 2\n3\n");
            CliHarness.AssertBadInput(":2: expected 2 numbers", "stability", "--out", Path.GetTempPath(), "--matrix", matrix);
            CliHarness.AssertBadInput("nonexistent.safetensors", "stability", "--out", Path.GetTempPath(), "--checkpoint", "/nonexistent.safetensors");
        }
        finally
        {
            File.Delete(matrix);
        }
    }
}
