namespace Recurrent.Tests.Cli;

/// <summary>Bad input gives a one-line reason, exit code 2 and no stack trace.</summary>
public class BadInputTests
{
    [Fact]
    public void UnknownOption_IsRejected() => CliHarness.AssertBadInput("--frobnicate", "mlp", "--frobnicate", "3");

    [Fact]
    public void UnknownCommand_IsRejected() => CliHarness.AssertBadInput("fly", "fly");

    [Theory]
    [InlineData("--epochs", "0", "positive integer")]
    [InlineData("--epochs", "-3", "positive integer")]
    [InlineData("--epochs", "many", "many")]
    [InlineData("--batch-size", "0", "positive integer")]
    [InlineData("--learning-rate", "NaN", "positive number")]
    [InlineData("--learning-rate", "-0.1", "positive number")]
    [InlineData("--learning-rate", "0", "positive number")]
    [InlineData("--test-fraction", "1.5", "between 0 and 1")]
    [InlineData("--clip", "-1", "≥ 0")]
    [InlineData("--optimizer", "adamax", "one of")]
    [InlineData("--activation", "swish", "one of")]
    [InlineData("--task", "mnist", "one of")]
    [InlineData("--hidden", "64,abc", "--hidden")]
    [InlineData("--hidden", "0", "--hidden")]
    public void BadOptionValue_NamesTheProblem(string option, string value, string expected)
    {
        string err = CliHarness.AssertBadInput(expected, "mlp", option, value);
        Assert.Contains(option, err);
    }

    [Theory]
    [InlineData("--epochs", "NaN", "--epochs expects an integer, got 'NaN'")]
    [InlineData("--learning-rate", "abc", "--learning-rate expects a number, got 'abc'")]
    public void UnparsableValue_SaysWhatKindOfValueIsExpected_WithoutTypeNames(string option, string value,
        string expected)
    {
        string err = CliHarness.AssertBadInput(expected, "mlp", option, value);
        Assert.DoesNotContain("System.", err);
    }

    [Fact]
    public void MissingDataFile_SaysNotFound()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.csv");
        CliHarness.AssertBadInput("not found", "mlp", "--data", path);
    }

    [Fact]
    public void MalformedDataFile_NamesTheLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"digits-{Guid.NewGuid():N}.csv");
        string good = string.Join(',', Enumerable.Repeat("0", 64)) + ",3";
        File.WriteAllLines(path, [good, "1,2,3"]);
        try
        {
            CliHarness.AssertBadInput("line 2", "mlp", "--data", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Help_ListsEveryCommand()
    {
        var (code, output, _) = CliHarness.Run("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "mlp", "gradcheck", "bench" }) Assert.Contains(command, output);
    }
}
