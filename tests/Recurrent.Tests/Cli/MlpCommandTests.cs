using System.Globalization;
using System.Text.RegularExpressions;

namespace Recurrent.Tests.Cli;

/// <summary>The first real job: the MLP learns XOR and reaches the promised accuracy on the digits with its
/// defaults.</summary>
public class MlpCommandTests
{
    [Fact]
    public void Xor_IsLearned()
    {
        var (code, output, err) = CliHarness.Run("mlp", "--task", "xor");
        Assert.True(code == 0, err);
        Assert.Equal(100.0, Accuracy(output));
    }

    [Fact]
    public void Digits_WithDefaults_ReachAtLeast95PercentOnHeldOutSet()
    {
        var (code, output, err) = CliHarness.Run("mlp");
        Assert.True(code == 0, err);
        double accuracy = Accuracy(output);
        Assert.True(accuracy >= 95.0, $"test accuracy {accuracy}% is below 95%\n{output}");
        Assert.Contains("confusion matrix", output);
    }

    private static double Accuracy(string output)
    {
        var match = Regex.Match(output, @"test accuracy ([0-9.]+)%");
        Assert.True(match.Success, $"no accuracy line in:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
