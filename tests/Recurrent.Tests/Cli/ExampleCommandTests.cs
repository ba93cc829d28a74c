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
        Assert.Equal(["h1", "h2", "y1", "y2", "argmax", "dU", "dV", "dW", "iterations", "final"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["U", "V", "W", "y1", "y2", "argmax"], root.GetProperty("final").EnumerateObject().Select(p => p.Name));
        Assert.Equal([1, 3], root.GetProperty("argmax").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([2, 3], root.GetProperty("final").GetProperty("argmax").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(3, root.GetProperty("dU").GetArrayLength());                    // U is 3 × 2: rows are inputs
        Assert.Equal(2, root.GetProperty("dU")[0].GetArrayLength());
        Assert.Equal(2, root.GetProperty("final").GetProperty("V").GetArrayLength()); // V is 2 × 3
        Assert.Equal(3, root.GetProperty("final").GetProperty("V")[0].GetArrayLength());
        Assert.True(root.GetProperty("iterations").GetInt32() > 0);
    }
}
