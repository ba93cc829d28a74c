using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Onnx;
using Recurrent.Sequences;
using Recurrent.Tensors;

namespace Recurrent.Tests.Onnx;

/// <summary>
/// Character language models exported to ONNX and run by ONNX Runtime give our logits and final states, on random
/// tokens and random initial states: max |ours − onnx| ≤ 1e-5 · max |ours| (float32 both sides; the two differ only
/// in summation order). Every cell × 1 or 2 layers × one-hot or embedding input, peepholes, both GRU forms.
/// </summary>
public class CharModelOnnxTests
{
    private const int V = 7, H = 5, T = 6, B = 3;

    public static TheoryData<CellKind, int, int, bool, GruForm> Variants()
    {
        var data = new TheoryData<CellKind, int, int, bool, GruForm>();
        foreach (var cell in new[] { CellKind.Lstm, CellKind.Gru, CellKind.Rnn })
            foreach (int layers in new[] { 1, 2 })
                foreach (int embedding in new[] { 0, 4 })
                    data.Add(cell, layers, embedding, false, GruForm.ResetAfterProduct);
        data.Add(CellKind.Lstm, 1, 0, true, GruForm.ResetAfterProduct);
        data.Add(CellKind.Lstm, 2, 4, true, GruForm.ResetAfterProduct);
        data.Add(CellKind.Gru, 1, 0, false, GruForm.ResetBeforeProduct);
        data.Add(CellKind.Gru, 2, 4, false, GruForm.ResetBeforeProduct);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void SequenceGraph_MatchesOurForward(CellKind cell, int layers, int embedding, bool peepholes,
        GruForm form)
    {
        var config = new CharLanguageModelConfig(cell, V, H, layers, embedding, Peepholes: peepholes, GruForm: form);
        var model = new CharLanguageModel<float>(config, new Random(11)) { Training = false };
        var rng = new Random(12);
        int[] tokens = Enumerable.Range(0, T * B).Select(_ => rng.Next(V)).ToArray();
        float[] h0 = OnnxRun.Random(rng, layers * B * H), c0 = OnnxRun.Random(rng, layers * B * H);
        bool lstm = cell == CellKind.Lstm;
        var logits = model.Forward(tokens, T, B, new Tensor<float>(h0, 0, layers, B, H),
            lstm ? new Tensor<float>(c0, 0, layers, B, H) : null);

        using var onnx = new OnnxRun(Export(model));
        onnx.Int64s("tokens", tokens.Select(t => (long)t).ToArray(), T, B).Floats("h0", h0, layers, B, H);
        if (lstm) onnx.Floats("c0", c0, layers, B, H);
        var results = onnx.Run();

        Assert.Equal([T, B, V], results["outputs"].Dims);
        OnnxRun.AssertClose(logits.Span, results["outputs"].Values, "logits");
        OnnxRun.AssertClose(model.FinalHidden.Span, results["hn"].Values, "hn");
        if (lstm) OnnxRun.AssertClose(model.FinalCell!.Span, results["cn"].Values, "cn");
        else Assert.False(results.ContainsKey("cn"));
    }

    [Theory]
    [InlineData(CellKind.Lstm, true)]
    [InlineData(CellKind.Gru, false)]
    [InlineData(CellKind.Rnn, false)]
    public void StepGraph_MatchesOurSteps_FedItsOwnStates(CellKind cell, bool peepholes)
    {
        var config = new CharLanguageModelConfig(cell, V, H, 2, 3, Peepholes: peepholes);
        var model = new CharLanguageModel<float>(config, new Random(21)) { Training = false };
        var states = model.CreateStates(B);
        var rng = new Random(22);
        bool lstm = cell == CellKind.Lstm;
        float[] h = new float[2 * B * H], c = new float[2 * B * H];
        using var onnx = new OnnxRun(Export(model, OnnxGraphKind.Step));
        for (int t = 0; t < 4; t++)
        {
            int[] tokens = Enumerable.Range(0, B).Select(_ => rng.Next(V)).ToArray();
            var logits = model.Step(tokens, states);
            onnx.Int64s("token", tokens.Select(i => (long)i).ToArray(), B).Floats("h0", h, 2, B, H);
            if (lstm) onnx.Floats("c0", c, 2, B, H);
            var results = onnx.Run();
            Assert.Equal([B, V], results["outputs"].Dims);
            OnnxRun.AssertClose(logits.Span, results["outputs"].Values, $"logits at step {t}");
            (h, c) = (results["hn"].Values, lstm ? results["cn"].Values : c);
            OnnxRun.AssertClose(states[1].H.Span, h.AsSpan(B * H).ToArray(), $"top h at step {t}");
        }
    }

    [Fact]
    public void Metadata_CarriesTheVocabularyAndTheOptions()
    {
        var config = new CharLanguageModelConfig(CellKind.Gru, 3, 2);
        var model = new CharLanguageModel<float>(config, new Random(1));
        using var onnx = new OnnxRun(OnnxExport.ToBytes(new SequenceModel(model.Network)
            { Vocabulary = ["a", "b", "\n"] }));
        Assert.Equal(OnnxExport.Format, onnx.Metadata["format"]);
        Assert.Equal("sequence", onnx.Metadata["graph"]);
        Assert.Equal("[\"a\",\"b\",\"\\n\"]", onnx.Metadata["vocab"]);
        Assert.Equal(SequenceModelOptions.FromJson(onnx.Metadata["options"]), model.Network.Options);
    }

    private static byte[] Export(CharLanguageModel<float> model, OnnxGraphKind graph = OnnxGraphKind.Sequence) =>
        OnnxExport.ToBytes(new SequenceModel(model.Network), graph);
}
