using Recurrent.Layers.Recurrent;
using Recurrent.Models;

namespace Recurrent.Tests.Models;

/// <summary>Tiny character language models and batches for the model's tests: V = 5, H = 4, L = 2, T = 4, B =
/// 2.</summary>
internal static class CharModels
{
    public const int V = 5, H = 4, L = 2, T = 4, B = 2;

    /// <summary>Every cell family, each with one-hot (E = 0) and embedded (E = 3) input.</summary>
    public static TheoryData<string, int> Families()
    {
        var data = new TheoryData<string, int>();
        foreach (var family in new[] { "lstm", "lstm-peephole", "gru", "gru-spec", "rnn" })
            foreach (int e in new[] { 0, 3 }) data.Add(family, e);
        return data;
    }

    public static CharLanguageModelConfig Config(string family, int embedding, double dropout = 0) => family switch
    {
        "lstm" => new(CellKind.Lstm, V, H, L, embedding, dropout),
        "lstm-peephole" => new(CellKind.Lstm, V, H, L, embedding, dropout, Peepholes: true),
        "gru" => new(CellKind.Gru, V, H, L, embedding, dropout),
        "gru-spec" => new(CellKind.Gru, V, H, L, embedding, dropout, GruForm: GruForm.ResetBeforeProduct),
        "rnn" => new(CellKind.Rnn, V, H, L, embedding, dropout),
        _ => throw new ArgumentException(family),
    };

    /// <summary>(T·B) indices in [0, V) from a seeded RNG.</summary>
    public static int[] Indices(int seed, int count)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => rng.Next(V))];
    }
}
