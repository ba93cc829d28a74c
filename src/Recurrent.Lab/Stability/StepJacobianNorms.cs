using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Recurrent.Data;
using Recurrent.Models;

namespace Recurrent.Lab.Stability;

/// <summary>
/// Norms of the step Jacobians of a character language model along real text: at step t = 1..T (reading the t-th
/// character) and for each layer l, J_t^(l) = ∂h_t^(l)/∂h_{t−1}^(l) with the layer's input x_t^(l) (the embedded or
/// one-hot character for l = 0, h_t^(l−1) above) held fixed, measured by <see cref="StepJacobian"/> at the state the
/// model reached from zeros on the text so far. For an LSTM, c_{t−1} is held fixed as well, and the norm of the whole
/// state's Jacobian ∂(h_t, c_t)/∂(h_{t−1}, c_{t−1}) (2H, 2H), the map that carries gradients back one step, is kept
/// beside it.
/// </summary>
/// <param name="Spectral">‖J_t^(l)‖₂ (largest singular value), [layer][t − 1].</param>
/// <param name="Frobenius">‖J_t^(l)‖_F, [layer][t − 1].</param>
/// <param name="StateSpectral">LSTM only: ‖∂(h_t, c_t)/∂(h_{t−1}, c_{t−1})‖₂, [layer][t − 1]; null for RNN and
/// GRU.</param>
/// <param name="Skipped">Characters of the text read before the T-th known one that the vocabulary lacks (left
/// out).</param>
public sealed record StepJacobianNorms(CharLanguageModelConfig Config, double[][] Spectral, double[][] Frobenius,
    double[][]? StateSpectral, int Skipped)
{
    /// <summary>T, the steps measured.</summary>
    public int Steps => Spectral[0].Length;

    /// <summary>Runs <paramref name="model"/> (dropout off) over the first <paramref name="steps"/> characters of
    /// <paramref name="text"/> that <paramref name="vocabulary"/> holds.</summary>
    /// <exception cref="ArgumentException">The text holds none of the vocabulary's characters.</exception>
    public static StepJacobianNorms Measure(CharLanguageModel<double> model, IReadOnlyList<string> vocabulary,
        string text, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var (indices, skipped) = FirstKnown(CharVocabulary.FromSymbols(vocabulary), text, steps);
        if (indices.Count == 0)
            throw new ArgumentException($"the text holds none of the model's {vocabulary.Count} characters " +
            $"({skipped} read, all unknown)");
        var config = model.Config;
        int layers = config.NumLayers;
        bool lstm = model.Rnn.Directions[0].Cell.HasCellState;
        var spectral = Table(layers, indices.Count);
        var frobenius = Table(layers, indices.Count);
        var state = lstm ? Table(layers, indices.Count) : null;
        var states = model.CreateStates(1);
        var input = new Tensor<double>(1, config.InputSize); // x_t^(0) (1, I)
        var embedding = config.Embedding > 0 ? model.Parameters["embed.weight"].Value.Span.ToArray() : null; // (V, E)
        for (int t = 0; t < indices.Count; t++)
        {
            if (embedding is not null)
                embedding.AsSpan(indices[t] * config.Embedding, config.Embedding).CopyTo(input.Span);
            else { input.Clear(); input[0, indices[t]] = 1; }
            var x = input;
            for (int l = 0; l < layers; l++)
            {
                var layer = model.Rnn.Directions[l];
                var s = states[l];
                var full = StepJacobian.OfState(layer.Cell, x.Span, s.H.Span, s.C is null ? default : s.C.Span);
                var hidden = lstm ? full.SubMatrix(0, config.HiddenSize, 0, config.HiddenSize) : full;
                spectral[l][t] = hidden.L2Norm();
                frobenius[l][t] = hidden.FrobeniusNorm();
                if (state is not null) state[l][t] = full.L2Norm();
                x = layer.Step(x, s); // h_t^(l), the next layer's input
            }
        }
        return new StepJacobianNorms(config, spectral, frobenius, state, skipped);
    }

    /// <summary>Median, maximum and the fraction of steps above 1 of one series.</summary>
    public static (double Median, double Max, double FractionAboveOne) Summary(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return (median, sorted[^1], (double)sorted.Count(v => v > 1) / n);
    }

    private static (List<int> Indices, int Skipped) FirstKnown(CharVocabulary vocabulary, string text, int steps)
    {
        var indices = new List<int>(steps);
        int skipped = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (indices.Count == steps) break;
            if (vocabulary.TryGetIndex(rune, out int index)) indices.Add(index);
            else skipped++;
        }
        return (indices, skipped);
    }

    private static double[][] Table(int layers, int steps) => [.. Enumerable.Range(0, layers).Select(_ =>
        new double[steps])];
}
