using System.CommandLine;
using Recurrent.Seq2Seq;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent seq2seq split</c>: train.tsv, valid.tsv and test.tsv in --out from one file, split by source
/// (all lines of a source on one side), seeded.</summary>
public static class Seq2SeqSplitCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Lines: source<TAB>target (.gz allowed)",
            Required = true };
        var output = new Option<string>("--out") { Description = "Folder for train/valid/test.tsv", Required = true };
        var validFraction = OptionFactory.Fraction("--valid-fraction", "Share of sources for validation", 0.05);
        var testFraction = OptionFactory.Fraction("--test-fraction", "Share of sources for test", 0.05);
        var seed = new Option<int>("--seed") { Description = "Seed of the shuffle", DefaultValueFactory = _ => 1 };
        var command = new Command("split", "Split source<TAB>target lines by source into train, valid and test")
        {
            data, output, validFraction, testFraction, seed,
        };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(output)!;
            var names = new[] { "train.tsv", "valid.tsv", "test.tsv" };
            if (names.Any(n => File.Exists(Path.Combine(folder, n))))
                throw new ArgumentException($"--out '{folder}' already holds a split; choose another folder");
            var pairs = Seq2SeqData.Read(parse.GetValue(data)!);
            var (train, valid, test) = Seq2SeqData.SplitBySource(pairs, parse.GetValue(validFraction),
                parse.GetValue(testFraction), parse.GetValue(seed));
            Directory.CreateDirectory(folder);
            var parts = new[] { train, valid, test };
            for (int i = 0; i < 3; i++)
            {
                File.WriteAllLines(Path.Combine(folder, names[i]), parts[i].Select(p => $"{p.Source}\t{p.Target}"));
                context.Out.WriteLine($"{Path.Combine(folder, names[i])}: {parts[i].Count:N0} lines, " +
                    $"{parts[i].Select(p => p.Source).Distinct().Count():N0} sources");
            }
            return Program.Success;
        });
        return command;
    }
}
