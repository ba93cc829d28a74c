using System.Text.Json;

namespace Recurrent.Tests.Cli;

/// <summary><c>recurrent example …</c>: the worked example's output forms and the tasks' bad input.</summary>
public class ExampleCommandTests
{
    [Fact]
    public void Counting_PrintsInitialAndFinalArgmax()
    {
        var (code, output, err) = CliHarness.Run("example", "counting");
        Assert.True(code == 0, err);
        Assert.Contains("argmax (1, 3)", output);
        Assert.Contains("argmax (2, 3)", output);
        Assert.Contains("∂J/∂W", output);
    }

    [Fact]
    public void CountingJson_HasExactlyTheListedFields()
    {
        var (code, output, err) = CliHarness.Run("example", "counting", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["h1", "h2", "y1", "y2", "argmax", "dU", "dV", "dW", "iterations", "final"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["U", "V", "W", "y1", "y2", "argmax"], root.GetProperty("final").EnumerateObject().Select(p =>
            p.Name));
        Assert.Equal([1, 3], root.GetProperty("argmax").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([2, 3], root.GetProperty("final").GetProperty("argmax").EnumerateArray().Select(e =>
            e.GetInt32()));
        Assert.Equal(3, root.GetProperty("dU").GetArrayLength());                    // U is 3 × 2: rows are inputs
        Assert.Equal(2, root.GetProperty("dU")[0].GetArrayLength());
        Assert.Equal(2, root.GetProperty("final").GetProperty("V").GetArrayLength()); // V is 2 × 3
        Assert.Equal(3, root.GetProperty("final").GetProperty("V")[0].GetArrayLength());
        Assert.True(root.GetProperty("iterations").GetInt32() > 0);
    }

    [Fact]
    public void BitTaskJson_ReportsBothModels()
    {
        var (code, output, err) =
            CliHarness.Run("example", "parity", "--json", "--steps", "20", "--test-count", "20", "--test-length", "30");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["task", "seed", "trainLength", "testLength", "steps", "seconds", "rnn", "mlp"],
            root.EnumerateObject().Select(p => p.Name));
        foreach (var model in new[] { "rnn", "mlp" })
            Assert.Equal(["shortSequenceAccuracy", "shortBitAccuracy", "longSequenceAccuracy", "longBitAccuracy",
                "finalLoss"],
                root.GetProperty(model).EnumerateObject().Select(p => p.Name));
        Assert.Equal(30, root.GetProperty("testLength").GetInt32());
    }

    [Fact]
    public void BinaryAdditionText_PrintsTheTableSideBySide()
    {
        var (code, output, err) = CliHarness.Run("example", "binary-addition", "--steps", "20", "--test-count", "20");
        Assert.True(code == 0, err);
        Assert.Contains("RNN", output);
        Assert.Contains("MLP (fixed width)", output);
        Assert.Contains("length 32", output);
    }

    [Theory]
    [InlineData("parity", "--test-length", "0", "positive integer")]
    [InlineData("binary-addition", "--train-length", "50", "between 1 and 16")]
    [InlineData("binary-addition", "--test-length", "20000", "between 1 and 10000")]
    [InlineData("parity", "--curriculum", "2", "between 0 and 1")]
    [InlineData("parity", "--learning-rate", "0", "positive number")]
    [InlineData("binary-addition", "--hidden", "0", "positive integer")]
    public void BadBitTaskOption_NamesTheProblem(string task, string option, string value, string expected)
    {
        string err = CliHarness.AssertBadInput(expected, "example", task, option, value);
        Assert.Contains(option, err);
    }

    [Fact]
    public void UnknownExample_IsRejected() => CliHarness.AssertBadInput("copy", "example", "copy");

    [Fact]
    public void Help_ListsTheExamples()
    {
        var (code, output, _) = CliHarness.Run("example", "--help");
        Assert.Equal(0, code);
        foreach (var name in new[] { "counting", "binary-addition", "parity" }) Assert.Contains(name, output);
    }
}
