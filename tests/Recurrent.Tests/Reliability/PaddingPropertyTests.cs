using CsCheck;
using Recurrent.Layers.Recurrent;
using Recurrent.Sequences;
using Recurrent.Tensors;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Padding never changes a valid step's output or gradient, over random architectures (CsCheck, seeds from
/// <see cref="FuzzBudget"/>): feature, one-hot or embedded token input; RNN, LSTM (with or without peepholes) or GRU
/// (either form); 1–2 layers, one or two directions; a per-step head or a per-sequence head with any pooling; random
/// lengths in [0, T]. The same batch is run twice, the second time with other values at every padded step (features
/// up to ±100, any token id) and 0–3 more padded steps at the end. Under a masked loss (∂C/∂z = 0 at padded steps,
/// random elsewhere), the outputs at valid steps (every output of a per-sequence head) and every parameter's gradient
/// must be equal bit for bit (tolerance 0): padded values never enter a valid step's arithmetic.
/// </summary>
public sealed class PaddingPropertyTests
{
    private const int Cases = 60, T = 5, B = 3, F = 3, V = 4;

    private static readonly Gen<SequenceModelOptions> Architectures =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[1, 4], Gen.Int[1, 2], Gen.Bool, Gen.Int[-1, 3], Gen.Bool,
            Gen.Bool, (input, cell, hidden, layers, bidirectional, pooling, peepholes, gruForm) =>
                new SequenceModelOptions
                {
                    Input = input == 0 ? InputKind.Features : InputKind.Tokens, InputSize = input == 0 ? F : V,
                    EmbeddingSize = input == 2 ? 2 : 0, HiddenSize = hidden, NumLayers = layers, OutputSize = 2,
                    Cell = (CellKind)cell, Bidirectional = bidirectional,
                    Peepholes = peepholes && (CellKind)cell == CellKind.Lstm,
                    GruForm = gruForm ? GruForm.ResetAfterProduct : GruForm.ResetBeforeProduct,
                    Head = pooling < 0 ? HeadKind.PerStep : HeadKind.PerSequence,
                    Pooling = pooling < 0 ? PoolingKind.Last : (PoolingKind)pooling,
                });

    [Fact]
    public void Padding_NeverChangesAValidStepsOutputOrGradient()
    {
        var cases = Gen.Select(Architectures, Gen.Int[0, T].Array[B], Gen.Int[0, 3], Gen.Int[0, 1000]);
        FuzzBudget.ForEachCase(Cases, caseSeed => cases.Sample((options, lengths, extraSteps, seed) =>
        {
            var network = new SequenceNetwork<float>(options, new Random(seed));
            var random = new Random(seed + 1);
            var (x, tokens) = Inputs(options, T, lengths, null, random);
            var (paddedX, paddedTokens) = Inputs(options, T + extraSteps, lengths, (x, tokens), random);
            var g = OutputGradient(options, T, lengths, null, random);
            var paddedG = OutputGradient(options, T + extraSteps, lengths, g, random);

            var (outputs, gradients) = Run(network, x, tokens, T, lengths, g);
            var (paddedOutputs, paddedGradients) = Run(network, paddedX, paddedTokens, T + extraSteps, lengths,
                paddedG);
            int k = options.OutputSize;
            if (options.Head == HeadKind.PerSequence) Assert.Equal(outputs, paddedOutputs);
            else
                for (int b = 0; b < B; b++)
                    for (int t = 0; t < lengths[b]; t++) // (T, B, K): the same (t, b) row in both
                        Assert.Equal(outputs.AsSpan((t * B + b) * k, k).ToArray(),
                            paddedOutputs.AsSpan((t * B + b) * k, k).ToArray());
            Assert.Equal(gradients, paddedGradients);
        }, iter: 1, threads: 1, seed: caseSeed));
    }

    /// <summary>Features (steps, B, F) or token ids (steps·B): a valid step's values from <paramref name="valid"/>
    /// when given (else random), every padded step's random and far from the valid ones.</summary>
    private static (Tensor<float>? X, int[]? Tokens) Inputs(SequenceModelOptions options, int steps, int[] lengths,
        (Tensor<float>? X, int[]? Tokens)? valid, Random random)
    {
        if (options.Input == InputKind.Tokens)
        {
            int[] tokens = new int[steps * B];
            for (int t = 0; t < steps; t++)
                for (int b = 0; b < B; b++)
                    tokens[t * B + b] =
                        t < lengths[b] && valid is { Tokens: { } ids } ? ids[t * B + b] : random.Next(V);
            return (null, tokens);
        }
        var x = new Tensor<float>(steps, B, F);
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < B; b++)
                for (int f = 0; f < F; f++)
                    x.Span[(t * B + b) * F + f] = t < lengths[b] && valid is { X: { } v } ? v.Span[(t * B + b) * F + f]
                        : (float)(random.NextDouble() * 2 - 1) * (valid is null ? 1 : 100);
        return (x, null);
    }

    /// <summary>∂C/∂z of a masked loss: (B, K) for a per-sequence head; (steps, B, K) per step, 0 at padded steps and
    /// a valid step's from <paramref name="valid"/> when given.</summary>
    private static Tensor<float> OutputGradient(SequenceModelOptions options, int steps, int[] lengths,
        Tensor<float>? valid, Random random)
    {
        int k = options.OutputSize;
        if (options.Head == HeadKind.PerSequence)
        {
            if (valid is not null) return valid;
            var g = new Tensor<float>(B, k);
            for (int i = 0; i < g.Span.Length; i++) g.Span[i] = (float)(random.NextDouble() * 2 - 1);
            return g;
        }
        var perStep = new Tensor<float>(steps, B, k);
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < B; b++)
                if (t < lengths[b])
                    for (int j = 0; j < k; j++)
                        perStep.Span[(t * B + b) * k + j] = valid is not null ? valid.Span[(t * B + b) * k + j]
                            : (float)(random.NextDouble() * 2 - 1);
        return perStep;
    }

    /// <summary>Forward, then Backward of <paramref name="g"/> from zeroed gradients: copies of the outputs and of
    /// every parameter's gradient.</summary>
    private static (float[] Outputs, float[] Gradients) Run(SequenceNetwork<float> network, Tensor<float>? x,
        int[]? tokens, int steps, int[] lengths, Tensor<float> g)
    {
        var outputs = x is not null ? network.Forward(x, lengths) : network.ForwardTokens(tokens, steps, B, lengths);
        float[] copy = outputs.Span.ToArray();
        network.Parameters.ZeroGradients();
        network.Backward(g);
        return (copy, network.Parameters.Gradients.ToArray());
    }
}
