namespace Recurrent.Tests.Cli;

/// <summary>The task command's output contract and its one-line errors.</summary>
public class TaskCommandTests
{
    [Fact]
    public void Adding_Json_ReportsMetricBaselineAndSolved()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"task-cli-{Guid.NewGuid():N}");
        try
        {
            var (code, output, err) =
                CliHarness.Run("task", "adding", "--model", "gru", "--length", "5", "--steps", "5",
                "--hidden", "3", "--batch-size", "2", "--test-count", "2", "--out", dir, "--json");
            Assert.True(code == 0, err);
            using var json = System.Text.Json.JsonDocument.Parse(output);
            var run = json.RootElement.GetProperty("runs")[0];
            Assert.Equal("gru", run.GetProperty("model").GetString());
            Assert.InRange(run.GetProperty("baseline").GetDouble(), 0.1666, 0.1667);
            Assert.True(File.Exists(Path.Combine(dir, "curve-gru-T5.csv")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Compare_PrintsTheTableAndWritesResults()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"task-cli-{Guid.NewGuid():N}");
        try
        {
            var (code, output, err) = CliHarness.Run("task", "copy", "--compare", "--lengths", "1,2", "--steps", "3",
                "--hidden", "3", "--batch-size", "2", "--test-count", "2", "--out", dir);
            Assert.True(code == 0, err);
            Assert.Contains("memoryless baseline", output);
            Assert.Contains("LSTM", output);
            Assert.True(File.Exists(Path.Combine(dir, "results.md")));
            string report = File.ReadAllText(Path.Combine(dir, "results.md"));
            foreach (int t in new[] { 1, 2 })
            {
                Assert.Contains($"](curves-T{t}.svg)", report); // the report embeds every figure it wrote
                Assert.True(File.Exists(Path.Combine(dir, $"curves-T{t}.svg")));
            }
            Assert.True(File.Exists(Path.Combine(dir, "curves-T2.svg")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("sorting", new[] { "task", "sorting" })]
    [InlineData("--model", new[] { "task", "adding", "--model", "transformer" })]
    [InlineData("--length", new[] { "task", "adding", "--length", "0" })]
    [InlineData("--length", new[] { "task", "adding", "--length", "1" })]
    [InlineData("--length", new[] { "task", "copy", "--length", "-5" })]
    [InlineData("--lengths", new[] { "task", "adding", "--compare", "--lengths", "50,abc" })]
    [InlineData("--lengths", new[] { "task", "adding", "--compare", "--lengths", "50,,100" })]
    [InlineData("--lengths", new[] { "task", "parity", "--compare", "--lengths", "0" })]
    [InlineData("--lengths", new[] { "task", "adding", "--lengths", "50" })]
    [InlineData("--steps", new[] { "task", "copy", "--steps", "0" })]
    public void BadInput_GivesOneLineAndExitCode2(string expected, string[] args)
    {
        string err = CliHarness.AssertBadInput(expected, args);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
