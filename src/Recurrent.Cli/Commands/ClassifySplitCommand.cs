using System.CommandLine;
using System.Globalization;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent classify split</c>: a seeded shuffle of a data file's lines (a .tsv, one sequence per line) into a
/// training and a test file, so a held-out test set is reproducible from the seed. Refuses to overwrite.
/// </summary>
public static class ClassifySplitCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "A .tsv file, one labelled sequence per line",
            Required = true };
        var train = new Option<string>("--train-out") { Description = "Where to write the training lines",
            Required = true };
        var test = new Option<string>("--test-out") { Description = "Where to write the test lines",
            Required = true };
        var fraction = OptionFactory.Fraction("--test-fraction", "Share of the lines for the test file", 0.2);
        var seed = new Option<int>("--seed") { Description = "Seed of the shuffle", DefaultValueFactory = _ => 1 };
        var command = new Command("split", "Split a .tsv into training and test files (seeded shuffle)")
        {
            data, train, test, fraction, seed,
        };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(train)!, parse.GetValue(test)!,
            parse.GetValue(fraction), parse.GetValue(seed), context));
        return command;
    }

    /// <summary>Shuffles the non-blank lines with Random(seed) and writes round(fraction·N) of them to the test
    /// file, the rest to the training file; returns the exit code.</summary>
    public static int Run(string data, string trainPath, string testPath, double fraction, int seed,
        CliContext context)
    {
        if (!File.Exists(data)) throw new FileNotFoundException($"data file '{data}' not found", data);
        foreach (var path in new[] { trainPath, testPath })
            if (File.Exists(path)) throw new ArgumentException($"'{path}' exists; not overwriting it");
        if (Path.GetFullPath(trainPath) == Path.GetFullPath(testPath))
            throw new ArgumentException("--train-out and --test-out name the same file");
        string[] lines = [.. File.ReadLines(data).Where(l => l.Trim().Length > 0)];
        if (lines.Length < 2)
            throw new InvalidDataException($"'{data}': expected at least 2 lines, got {lines.Length}");
        new Random(seed).Shuffle(lines);
        int testCount = Math.Clamp((int)Math.Round(fraction * lines.Length), 1, lines.Length - 1);
        File.WriteAllLines(testPath, lines[..testCount]);
        File.WriteAllLines(trainPath, lines[testCount..]);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{lines.Length - testCount:N0} lines to {trainPath}, {testCount:N0} to {testPath} (seed {seed})"));
        return Program.Success;
    }
}
