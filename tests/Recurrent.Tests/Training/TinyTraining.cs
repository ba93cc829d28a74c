using System.Text;
using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Training;

namespace Recurrent.Tests.Training;

/// <summary>A tiny corpus and model so training tests take milliseconds.</summary>
internal static class TinyTraining
{
    /// <summary>About 600 characters of simple, learnable text.</summary>
    public static string Text { get; } = MakeText(1);

    /// <summary>Another text with the same characters, for "different corpus" checks.</summary>
    public static string OtherText { get; } = MakeText(2);

    /// <summary>Options: a 2-layer LSTM of 8 with dropout (so the RNG matters), B 4, T 8, curve every 2
    /// steps.</summary>
    public static CharTrainingOptions Options(CellKind model = CellKind.Lstm, long maxSteps = 10) => new()
    {
        Model = model, HiddenSize = 8, NumLayers = 2, Dropout = model == CellKind.Lstm ? 0.2 : 0,
        BatchSize = 4, SequenceLength = 8,
        MaxSteps = maxSteps, EvalEvery = 4, SampleEvery = 3, CurveEvery = 2, SampleLength = 20, FinalSampleLength = 40,
            LearningRate = 0.01,
    };

    public static CharTrainingData Data(string? text = null) =>
        CharTrainingData.Create(TextCorpus.FromText(text ?? Text, "tiny"), 0.95, 0.05);

    /// <summary>Writes <see cref="Text"/> (or <paramref name="text"/>) to a file in
    /// <paramref name="directory"/>.</summary>
    public static string WriteCorpus(string directory, string? text = null, string name = "tiny.txt")
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text ?? Text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Every file of <paramref name="directory"/> with its bytes and write time, to prove nothing
    /// changed.</summary>
    public static Dictionary<string, (byte[] Bytes, DateTime Written)> Snapshot(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f =>
            Path.GetFileName(f), f => (File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f)));

    /// <summary>Asserts <paramref name="directory"/> holds exactly the files of <paramref name="before"/>, byte for
    /// byte, untouched.</summary>
    public static void AssertUnchanged(Dictionary<string, (byte[] Bytes, DateTime Written)> before, string directory)
    {
        var after = Snapshot(directory);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, (bytes, written)) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(after[name].Bytes), $"{name} changed");
            Assert.Equal(written, after[name].Written);
        }
    }

    private static string MakeText(int variant)
    {
        var words = variant == 1 ? new[] { "the cat sat on the mat", "a rat ate the hat", "the mat is at sea" }
                                 : new[] { "the hat sat on a cat", "at sea the rat is", "a mat ate the cat" };
        var text = new StringBuilder();
        for (int i = 0; text.Length < 600; i++) text.Append(words[i % words.Length]).Append(i % 4 == 3 ? ".\n" : ", ");
        return text.ToString();
    }
}
