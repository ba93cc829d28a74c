using Recurrent.Layers.Recurrent;
using Recurrent.Onnx;
using Recurrent.Seq2Seq;

namespace Recurrent.Tests.Onnx;

/// <summary>
/// Sequence-to-sequence models exported as an encoder graph and a decoder step graph and run by ONNX Runtime give our
/// encoder outputs, bridged initial states, and for several decoder steps our logits, states and attention weights:
/// max |ours − onnx| ≤ 1e-5 · max |ours| (float32) per tensor, for every cell × every attention kind, 2 layers, a
/// bidirectional encoder, a source batch padded to different lengths and random decoder states.
/// </summary>
public class Seq2SeqOnnxTests
{
    internal const int Layers = 2;
    private static readonly int[] Lengths = [5, 2, 4];

    public static TheoryData<CellKind, AttentionKind> Variants()
    {
        var data = new TheoryData<CellKind, AttentionKind>();
        foreach (var cell in new[] { CellKind.Lstm, CellKind.Gru, CellKind.Rnn })
            foreach (var attention in Enum.GetValues<AttentionKind>()) data.Add(cell, attention);
        return data;
    }

    /// <summary>A random tiny model: source tokens a–f, target tokens u–z. The dot score needs D·H_e = H_d, so it
    /// runs without the bridge's projection and the others with it.</summary>
    internal static Seq2SeqModel Model(CellKind cell, AttentionKind attention, int seed, bool bidirectional = true)
    {
        int encoderHidden = attention == AttentionKind.LuongDot ? 2 : 3;
        var options = new Seq2SeqOptions(0, 0, attention, cell, EmbeddingSize: 3, EncoderHiddenSize: encoderHidden,
            DecoderHiddenSize: bidirectional || attention != AttentionKind.LuongDot ? 4 : 2, NumLayers: Layers,
            Bidirectional: bidirectional, AttentionSize: 3);
        return new Seq2SeqModel(options, new TokenVocabulary(TokenUnit.Chars, ["a", "b", "c", "d", "e", "f"]),
            new TokenVocabulary(TokenUnit.Chars, ["u", "v", "w", "x", "y", "z"]), new Random(seed));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EncoderAndDecoderSteps_MatchOurs(CellKind cell, AttentionKind attention)
    {
        var model = Model(cell, attention, seed: 41);
        var network = model.Network;
        var o = model.Options;
        var rng = new Random(42);
        int b = Lengths.Length, ts = Lengths.Max(), hd = o.DecoderHiddenSize, k = o.EncoderOutputSize;
        bool lstm = cell == CellKind.Lstm, attends = attention != AttentionKind.None;
        int[][] sources = [.. Lengths.Select(n => Enumerable.Range(0, n).Select(_ => rng.Next(4, 10)).ToArray())];

        // Ours: the encoder and bridge as BeginDecoding runs them.
        var batch = Seq2SeqBatch.Create(sources, [.. sources.Select(_ => Array.Empty<int>())]);
        var memory = network.Encoder.Forward(network.SourceEmbedding.Forward(batch.SourceTokens, ts, b),
            batch.SourceLengths).Span.ToArray();
        var (h0, c0) = network.Bridge.Forward(network.Encoder.FinalHidden, network.Encoder.FinalCell);
        float[] ourH0 = h0.Span.ToArray(), ourC0 = c0?.Span.ToArray() ?? [];
        using var encoder = new OnnxRun(OnnxExport.Seq2SeqEncoderToBytes(model));
        var encoded = encoder.Int64s("source", [.. batch.SourceTokens.Select(t => (long)t)], ts, b)
            .Int32s("source_lengths", Lengths, b).Run();
        // Padded steps hold no information (attention masks them): compare the real ones.
        OnnxRun.AssertClose(Padded(memory, Lengths, k), Padded(encoded["memory"].Values, Lengths, k), "memory");
        Assert.Equal(Padded(encoded["memory"].Values, Lengths, k), encoded["memory"].Values); // docs: zeros there
        Assert.Equal([ts, b, k], encoded["memory"].Dims);
        OnnxRun.AssertClose(ourH0, encoded["h0"].Values, "h0");
        if (lstm) OnnxRun.AssertClose(ourC0, encoded["c0"].Values, "c0");

        // Decoder steps: the first from random states (set on both sides), then each side feeds its own states back.
        var states = network.BeginDecoding(sources, 1);
        float[] h = OnnxRun.Random(rng, Layers * b * hd), c = OnnxRun.Random(rng, Layers * b * hd);
        Set(states, h, c);
        using var decoder = new OnnxRun(OnnxExport.Seq2SeqDecoderToBytes(model));
        for (int step = 0; step < 4; step++)
        {
            int[] previous = [.. Enumerable.Range(0, b).Select(_ => rng.Next(1, o.TargetVocabularySize))];
            var logits = network.DecodeStep(previous, states).Span.ToArray();
            decoder.Int64s("previous", [.. previous.Select(p => (long)p)], b).Floats("h0", h, Layers, b, hd);
            if (lstm) decoder.Floats("c0", c, Layers, b, hd);
            if (attends)
                decoder.Floats("memory", encoded["memory"].Values, ts, b, k).Int32s("source_lengths", Lengths, b);
            var results = decoder.Run();
            OnnxRun.AssertClose(logits, results["logits"].Values, $"step {step}: logits");
            Assert.Equal([b, o.TargetVocabularySize], results["logits"].Dims);
            var (ourH, ourC) = Get(states);
            OnnxRun.AssertClose(ourH, results["hn"].Values, $"step {step}: hn");
            h = results["hn"].Values;
            if (lstm)
            {
                OnnxRun.AssertClose(ourC, results["cn"].Values, $"step {step}: cn");
                c = results["cn"].Values;
            }
            if (attends)
            {
                var weights = network.StepAttentionWeights!.Span.ToArray(); // (1, B, Ts): zeros past each length
                OnnxRun.AssertClose(weights, results["attention"].Values, $"step {step}: attention");
                Assert.Equal([b, ts], results["attention"].Dims);
            }
            else Assert.False(results.ContainsKey("attention"));
        }
    }

    [Fact]
    public void AUnidirectionalEncoder_WithoutProjection_MatchesOurs()
    {
        // D·H_e = H_d = 2: the bridge is the identity and the encoder has one direction.
        var model = Model(CellKind.Gru, AttentionKind.LuongDot, seed: 43, bidirectional: false);
        Assert.False(model.Options.ProjectsState);
        string[] sources = ["abc", "f", "eedd"];
        Assert.Equal(model.Decode(sources), OnnxSeq2SeqGreedy.Decode(model, sources));
    }

    /// <summary>(T, B, W) with the steps t ≥ lengths[b] zeroed.</summary>
    internal static float[] Padded(float[] values, int[] lengths, int width)
    {
        var result = (float[])values.Clone();
        int batch = lengths.Length;
        for (int t = 0; t < values.Length / (batch * width); t++)
            for (int b = 0; b < batch; b++)
                if (t >= lengths[b]) Array.Clear(result, (t * batch + b) * width, width);
        return result;
    }

    private static void Set(RecurrentState<float>[] states, float[] h, float[] c)
    {
        int size = states[0].H.Span.Length;
        for (int l = 0; l < states.Length; l++)
        {
            h.AsSpan(l * size, size).CopyTo(states[l].H.Span);
            if (states[l].C is { } cell) c.AsSpan(l * size, size).CopyTo(cell.Span);
        }
    }

    private static (float[] H, float[] C) Get(RecurrentState<float>[] states) =>
        ([.. states.SelectMany(s => s.H.Span.ToArray())],
            [.. states.SelectMany(s => s.C?.Span.ToArray() ?? [])]);
}
