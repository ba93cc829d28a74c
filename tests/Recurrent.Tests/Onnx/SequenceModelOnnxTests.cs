using Recurrent.Layers.Recurrent;
using Recurrent.Onnx;
using Recurrent.Sequences;
using Recurrent.Tensors;

namespace Recurrent.Tests.Onnx;

/// <summary>
/// Sequence models (classifiers, taggers) exported to ONNX and run by ONNX Runtime give our outputs and final states on
/// random features, random initial states and sequences of different lengths: max |ours − onnx| ≤ 1e-5 · max |ours|
/// (float32). Every cell × one or two directions × every pooling of a per-sequence head, a per-step head, and a
/// token classifier's probabilities.
/// </summary>
public class SequenceModelOnnxTests
{
    private const int F = 3, H = 4, K = 3, T = 5, B = 3, Layers = 2;
    private static readonly int[] Lengths = [T, 2, 4];

    public static TheoryData<CellKind, bool, PoolingKind> Variants()
    {
        var data = new TheoryData<CellKind, bool, PoolingKind>();
        foreach (var cell in new[] { CellKind.Lstm, CellKind.Gru, CellKind.Rnn })
            foreach (bool bidirectional in new[] { false, true })
                foreach (var pooling in Enum.GetValues<PoolingKind>()) data.Add(cell, bidirectional, pooling);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void PerSequenceHead_MatchesOurForward_OverVariableLengths(CellKind cell, bool bidirectional,
        PoolingKind pooling)
    {
        var model = new SequenceModel(new SequenceModelOptions
        {
            InputSize = F, HiddenSize = H, NumLayers = Layers, Cell = cell, Bidirectional = bidirectional,
            Peepholes = cell == CellKind.Lstm, Pooling = pooling, OutputSize = K,
        }, seed: 31);
        Compare(model, Lengths);
    }

    [Theory]
    [InlineData(CellKind.Lstm, false)]
    [InlineData(CellKind.Gru, true)]
    [InlineData(CellKind.Rnn, true)]
    public void PerStepHead_MatchesOurForward(CellKind cell, bool bidirectional)
    {
        var model = new SequenceModel(new SequenceModelOptions
        {
            InputSize = F, HiddenSize = H, NumLayers = Layers, Cell = cell, Bidirectional = bidirectional,
            Head = HeadKind.PerStep, OutputSize = K, GruForm = GruForm.ResetBeforeProduct,
        }, seed: 32);
        Compare(model, lengths: null);
    }

    [Fact]
    public void TokenClassifier_GivesOurScoresAndTheirSoftmax_AndCarriesClassesAndVocabulary()
    {
        var model = new SequenceModel(new SequenceModelOptions
        {
            Input = InputKind.Tokens, InputSize = 5, EmbeddingSize = 3, HiddenSize = H, Bidirectional = true,
            Pooling = PoolingKind.Attention, OutputSize = K,
        }, seed: 33)
        {
            ClassNames = ["circle", "line", "zigzag"], Vocabulary = ["a", "b", "c", "d", "e"],
        };
        model.Network.Training = false;
        var rng = new Random(34);
        int[] tokens = Enumerable.Range(0, T * B).Select(_ => rng.Next(5)).ToArray();
        var scores = model.PredictTokens(tokens, T, B, Lengths);

        using var onnx = new OnnxRun(OnnxExport.ToBytes(model));
        var results = onnx.Int64s("tokens", tokens.Select(t => (long)t).ToArray(), T, B).Int32s("lengths", Lengths, B)
            .Floats("h0", new float[2 * B * H], 2, B, H).Floats("c0", new float[2 * B * H], 2, B, H).Run();

        OnnxRun.AssertClose(scores.Span, results["outputs"].Values, "scores");
        var probabilities = new float[B * K];
        for (int b = 0; b < B; b++)
            System.Numerics.Tensors.TensorPrimitives.SoftMax(scores.Span.Slice(b * K, K),
            probabilities.AsSpan(b * K, K));
        OnnxRun.AssertClose(probabilities, results["probabilities"].Values, "probabilities");
        Assert.Equal("[\"circle\",\"line\",\"zigzag\"]", onnx.Metadata["classes"]);
        Assert.Equal("[\"a\",\"b\",\"c\",\"d\",\"e\"]", onnx.Metadata["vocab"]);
    }

    [Fact]
    public void Forecaster_AsSamplesForecastBuildsIt_GivesOurForecasts_AndNoProbabilities()
    {
        // samples/Forecast's model: one feature per step, the last step's state, one value out (MSE-trained).
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 1, HiddenSize = 6, OutputSize = 1 },
            seed: 37) { Normalization = new Dictionary<string, float[]> { ["mean"] = [80f], ["std"] = [60f] } };
        model.Network.Training = false;
        float[] x = OnnxRun.Random(new Random(38), T * B, 2);
        var forecasts = model.Predict(new Tensor<float>(x, 0, T, B, 1), Lengths);

        using var onnx = new OnnxRun(OnnxExport.ToBytes(model));
        var results = onnx.Floats("features", x, T, B, 1).Int32s("lengths", Lengths, B)
            .Floats("h0", new float[B * 6], 1, B, 6).Floats("c0", new float[B * 6], 1, B, 6).Run();

        Assert.Equal([B, 1], results["outputs"].Dims);
        OnnxRun.AssertClose(forecasts.Span, results["outputs"].Values, "forecasts");
        Assert.False(results.ContainsKey("probabilities"));
        Assert.Contains("\"mean\":[80]", onnx.Metadata["normalization"]);
    }

    [Theory]
    [InlineData(PoolingKind.Last)]
    [InlineData(PoolingKind.Mean)]
    [InlineData(PoolingKind.Max)]
    [InlineData(PoolingKind.Attention)]
    public void EmptySequence_PoolsToOurZeros(PoolingKind pooling)
    {
        var model = new SequenceModel(new SequenceModelOptions
            { InputSize = F, HiddenSize = H, Cell = CellKind.Gru, Pooling = pooling, OutputSize = K }, seed: 36);
        Compare(model, [T, 0, 3], zeroStates: true);
    }

    [Fact]
    public void Normalization_TravelsInTheMetadata()
    {
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 2, OutputSize = 1 })
        {
            Normalization = new Dictionary<string, float[]> { ["mean"] = [1.5f, -2f], ["std"] = [0.5f, 4f] },
        };
        using var onnx = new OnnxRun(OnnxExport.ToBytes(model));
        Assert.Equal("{\"mean\":[1.5,-2],\"std\":[0.5,4]}", onnx.Metadata["normalization"]);
    }

    [Fact]
    public void StepGraph_RefusesWhatCannotRunOneStepAtATime()
    {
        var bidirectional = new SequenceModel(new SequenceModelOptions
            { InputSize = 2, HiddenSize = 2, OutputSize = 1, Bidirectional = true });
        var mean = new SequenceModel(new SequenceModelOptions
            { InputSize = 2, HiddenSize = 2, OutputSize = 1, Pooling = PoolingKind.Mean });
        Assert.Contains("bidirectional", Assert.Throws<NotSupportedException>(() =>
            OnnxExport.ToBytes(bidirectional, OnnxGraphKind.Step)).Message);
        Assert.Contains("pools by mean", Assert.Throws<NotSupportedException>(() =>
            OnnxExport.ToBytes(mean, OnnxGraphKind.Step)).Message);
    }

    private static void Compare(SequenceModel model, int[]? lengths, bool zeroStates = false)
    {
        var o = model.Options;
        model.Network.Training = false;
        int states = o.NumLayers * (o.Bidirectional ? 2 : 1);
        bool lstm = o.Cell == CellKind.Lstm;
        var rng = new Random(35);
        float[] x = OnnxRun.Random(rng, T * B * F, 2), h0 = OnnxRun.Random(rng, states * B * H, zeroStates ? 0 : 1),
            c0 = OnnxRun.Random(rng, states * B * H, zeroStates ? 0 : 1);
        var outputs = model.Network.Forward(new Tensor<float>(x, 0, T, B, F), lengths,
            new Tensor<float>(h0, 0, states, B, H), lstm ? new Tensor<float>(c0, 0, states, B, H) : null);

        using var onnx = new OnnxRun(OnnxExport.ToBytes(model));
        onnx.Floats("features", x, T, B, F).Floats("h0", h0, states, B, H);
        if (lengths is not null) onnx.Int32s("lengths", lengths, B);
        if (lstm) onnx.Floats("c0", c0, states, B, H);
        var results = onnx.Run();

        Assert.Equal(lengths is null ? [T, B, K] : [B, K], results["outputs"].Dims);
        OnnxRun.AssertClose(outputs.Span, results["outputs"].Values, "outputs");
        OnnxRun.AssertClose(model.Network.FinalHidden.Span, results["hn"].Values, "hn");
        if (lstm) OnnxRun.AssertClose(model.Network.FinalCell!.Span, results["cn"].Values, "cn");
    }
}
