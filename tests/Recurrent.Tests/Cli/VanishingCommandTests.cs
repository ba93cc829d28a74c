using System.Xml.Linq;

namespace Recurrent.Tests.Cli;

public class VanishingCommandTests
{
    [Fact]
    public void Vanishing_WritesHeatmapsCurvesCsvAndReport()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"vanishing-{Guid.NewGuid():N}");
        try
        {
            var (code, output, err) =
                CliHarness.Run("vanishing", "--out", dir, "--layers", "3", "--width", "8", "--samples", "20",
                "--instances", "2", "--steps", "12", "--hidden", "4", "--train-steps", "2");
            Assert.True(code == 0, err);
            Assert.Contains("LSTM", output);
            var svgs = Directory.GetFiles(dir, "*.svg");
            Assert.Equal(8 + 1 + 2, svgs.Length);
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
        }
    }

    [Fact]
    public void Vanishing_RejectsAMissingImagesFile() =>
        CliHarness.AssertBadInput("not found", "vanishing", "--out", Path.GetTempPath(), "--images",
            "/nonexistent-images.gz");
}
