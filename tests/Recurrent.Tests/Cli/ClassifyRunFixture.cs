using Recurrent.Tests.Classification;

namespace Recurrent.Tests.Cli;

/// <summary>One tiny classify run shared by the tests of a class (trained once: 200 words, 20 epochs, ~1 s).</summary>
public sealed class ClassifyRunFixture : IDisposable
{
    public ClassifyRunFixture()
    {
        Train = Path.Combine(Directory, "train.tsv");
        File.WriteAllText(Train, ClassifyFixtures.LastLetterTsv(200, 1));
        Run = Path.Combine(Directory, "run");
        var (code, _, err) = CliHarness.Run("classify", "train", "--data", Train, "--out", Run, "--hidden", "12",
            "--epochs", "20", "--batch-size", "16", "--learning-rate", "0.02", "--seed", "3");
        Assert.True(code == 0, err);
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("classify-run-").FullName;
    public string Train { get; }
    public string Run { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
