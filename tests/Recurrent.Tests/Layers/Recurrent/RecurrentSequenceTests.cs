using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Layers.Recurrent.RecurrentModels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>Sequence-level behaviour: padding, carried state across chunks, float against double, step norms, one-step
/// inference, one backward per forward.</summary>
public class RecurrentSequenceTests
{
    public static TheoryData<string, bool, int> PaddingCases()
    {
        var data = new TheoryData<string, bool, int>();
        foreach (var kind in Families)
            foreach (bool reverse in new[] { false, true })
                foreach (int k2 in new[] { -1, 1 })
                    data.Add(kind, reverse, k2);
        return data;
    }

    /// <summary>Rows b of a (T, B, W) tensor for steps [0, length), as a (length, 1, W) copy.</summary>
    private static Tensor<double> Row(Tensor<double> seq, int b, int length)
    {
        int width = seq.Dim(2);
        var row = new Tensor<double>(length, 1, width);
        for (int t = 0; t < length; t++) seq[t].Row(b).CopyTo(row[t].Span);
        return row;
    }

    private static RecurrentState<double> StateRow(RecurrentState<double> state, int b)
    {
        var row = new RecurrentState<double>(1, state.HiddenSize, state.HasCellState);
        state.H.Row(b).CopyTo(row.H.Span);
        if (state.C is not null) state.C.Row(b).CopyTo(row.C!.Span);
        return row;
    }

    /// <summary>
    /// A padded batch with lengths (5, 3, 0, 1) against each sequence run alone at its own length: outputs (zero at
    /// padding), final states, ∂C/∂x (zero at padding), ∂C/∂(initial state) and the summed parameter gradients, with
    /// padding entries of x and ∂C/∂y filled with noise that must change nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(PaddingCases))]
    public void PaddedBatch_EqualsEachSequenceAlone(string kind, bool reverse, int k2)
    {
        int[] lengths = [5, 3, 0, 1];
        const int steps = 5, batch = 4;
        var options = new RecurrentLayerOptions(Reverse: reverse, TruncationHorizon: k2 < 0 ? null : k2);
        var (layer, parameters) = Build<double>(kind, options);
        var alone = new RecurrentLayer<double>(layer.Cell, options);
        bool hasC = layer.Cell.HasCellState;
        var rng = new Random(11);
        var x = LayerCheck.Random(rng, steps, batch, InputSize);
        var initial = RandomState(rng, batch, hasC);
        var g = LayerCheck.Random(rng, steps, batch, HiddenSize);
        var gFinal = RandomState(rng, batch, hasC);

        parameters.ZeroGradients();
        var y = layer.Forward(x, lengths, initial).Clone();
        var final = layer.FinalState.Clone();
        var dx = layer.Backward(g, gFinal).Clone();
        var dInitial = layer.InitialStateGradient.Clone();
        double[] batched = parameters.Gradients.ToArray();

        parameters.ZeroGradients();
        for (int b = 0; b < batch; b++)
        {
            int length = lengths[b];
            var expectedY = new double[steps * HiddenSize];
            var expectedDx = new double[steps * InputSize];
            RecurrentState<double> expectedFinal = StateRow(initial, b), expectedDInitial = StateRow(gFinal, b);
            if (length > 0)
            {
                alone.Forward(Row(x, b, length), [], StateRow(initial, b)).Span.CopyTo(expectedY);
                expectedFinal = alone.FinalState.Clone();
                alone.Backward(Row(g, b, length), StateRow(gFinal, b)).Span.CopyTo(expectedDx);
                expectedDInitial = alone.InitialStateGradient.Clone();
            }
            Approx.Equal(expectedY, Row(y, b, steps).Span, 1e-14, $"y of row {b}");
            Approx.Equal(expectedDx, Row(dx, b, steps).Span, 1e-13, $"dx of row {b}");
            Approx.Equal(expectedFinal.H.Span, final.H.Row(b), 1e-14, $"final h of row {b}");
            Approx.Equal(expectedDInitial.H.Span, dInitial.H.Row(b), 1e-13, $"∂C/∂h0 of row {b}");
            if (hasC)
            {
                Approx.Equal(expectedFinal.C!.Span, final.C!.Row(b), 1e-14, $"final c of row {b}");
                Approx.Equal(expectedDInitial.C!.Span, dInitial.C!.Row(b), 1e-13, $"∂C/∂c0 of row {b}");
            }
        }
        Approx.Equal(parameters.Gradients, batched, 1e-12, "parameter gradients, batch against rows alone");
        Approx.Equal([1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], layer.Mask.Span, 0, "mask (T, B)");
    }

    /// <summary>
    /// Two chunks with the first chunk's final state carried into the second give the outputs and final state of one
    /// long pass; sending the second chunk's ∂C/∂(initial state) into the first as its final-state gradient reproduces
    /// full BPTT exactly, which proves that the chunk boundary is the only thing truncation cuts.
    /// </summary>
    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(RecurrentModels))]
    public void CarriedState_TwoChunksEqualOneLongPass(string kind)
    {
        const int steps = 6, split = 4, batch = 2;
        var (whole, parameters) = Build<double>(kind);
        var first = new RecurrentLayer<double>(whole.Cell);
        var second = new RecurrentLayer<double>(whole.Cell);
        var rng = new Random(21);
        var x = LayerCheck.Random(rng, steps, batch, InputSize);
        var g = LayerCheck.Random(rng, steps, batch, HiddenSize);

        parameters.ZeroGradients();
        var y = whole.Forward(x).Clone();
        var dx = whole.Backward(g).Clone();
        double[] full = parameters.Gradients.ToArray();

        parameters.ZeroGradients();
        var y1 = first.Forward(x.Slice(0, split)).Clone();
        var y2 = second.Forward(x.Slice(split, steps - split), [], first.FinalState).Clone();
        Approx.Equal(y.Span[..y1.Length], y1.Span, 1e-14, "y of the first chunk");
        Approx.Equal(y.Span[y1.Length..], y2.Span, 1e-14, "y of the second chunk, from the carried state");
        Approx.Equal(whole.FinalState.H.Span, second.FinalState.H.Span, 1e-14, "final h");
        if (whole.Cell.HasCellState) Approx.Equal(whole.FinalState.C!.Span, second.FinalState.C!.Span, 1e-14,
            "final c");

        var dx2 = second.Backward(g.Slice(split, steps - split)).Clone();
        var dx1 = first.Backward(g.Slice(0, split), second.InitialStateGradient).Clone();
        Approx.Equal(dx.Span[..dx1.Length], dx1.Span, 1e-13, "dx of the first chunk");
        Approx.Equal(dx.Span[dx1.Length..], dx2.Span, 1e-13, "dx of the second chunk");
        Approx.Equal(full, parameters.Gradients, 1e-13, "parameter gradients, stitched chunks against full BPTT");
    }

    [Theory]
    [InlineData("rnn-relu")]
    [InlineData("lstm-peepholes-forget1")]
    [InlineData("gru")]
    [InlineData("gru-reset-before")]
    public void FloatAndDouble_AgreeWithinFloatTolerance(string kind)
    {
        int[] lengths = [4, 2, 3];
        var (layer, parameters) = Build<double>(kind, new RecurrentLayerOptions(Reverse: true));
        // same seed: same draws, rounded
        var (floatLayer, floatParameters) = Build<float>(kind, new RecurrentLayerOptions(Reverse: true));
        var rng = new Random(31);
        var x = LayerCheck.Random(rng, 4, 3, InputSize);
        var g = LayerCheck.Random(rng, 4, 3, HiddenSize);
        parameters.ZeroGradients();
        floatParameters.ZeroGradients();
        var y = layer.Forward(x, lengths).Clone();
        var yf = floatLayer.Forward(x.Convert<float>(), lengths).Convert<double>();
        var dx = layer.Backward(g);
        var dxf = floatLayer.Backward(g.Convert<float>()).Convert<double>();
        Approx.Equal(y.Span, yf.Span, 1e-5, "y float vs double");
        Approx.Equal(dx.Span, dxf.Span, 1e-5, "dx float vs double");
        Approx.Equal(parameters.Gradients, ToDouble(floatParameters.Gradients), 1e-5,
            "parameter gradients float vs double");
    }

    /// <summary>
    /// ‖∂C/∂h_s‖ recorded by Backward equals ‖g_s + ∂C/∂h_s through later steps‖, the latter measured independently as
    /// the initial-state gradient of a run over steps s + 1 … T − 1 that starts from h_s.
    /// </summary>
    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(RecurrentModels))]
    public void StepGradientNorms_AreNormsOfTotalGradientAtEachState(string kind)
    {
        const int steps = 5, batch = 2;
        var (layer, _) = Build<double>(kind, new RecurrentLayerOptions(RecordStepGradientNorms: true));
        var probe = new RecurrentLayer<double>(layer.Cell);
        var rng = new Random(41);
        var x = LayerCheck.Random(rng, steps, batch, InputSize);
        var g = LayerCheck.Random(rng, steps, batch, HiddenSize);
        layer.Forward(x);
        layer.Backward(g);
        double[] recorded = layer.StepGradientNorms.ToArray();
        Assert.Equal(steps, recorded.Length);
        var expected = new double[steps];
        for (int s = 0; s < steps; s++)
        {
            var total = g[s].Clone(); // (B, H)
            if (s < steps - 1)
            {
                probe.Forward(x.Slice(0, s + 1));
                var state = probe.FinalState.Clone();
                probe.Forward(x.Slice(s + 1, steps - 1 - s), [], state);
                probe.Backward(g.Slice(s + 1, steps - 1 - s));
                TensorPrimitives.Add(total.Span, probe.InitialStateGradient.H.Span, total.Span);
            }
            expected[s] = TensorPrimitives.Norm<double>(total.Span);
        }
        Approx.Equal(expected, recorded, 1e-12, "‖∂C/∂h_s‖");
        Assert.True(new RecurrentLayer<double>(layer.Cell).StepGradientNorms.IsEmpty, "no norms unless asked");
    }

    /// <summary>Generation one step at a time from a carried state gives Forward's outputs and final state.</summary>
    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(RecurrentModels))]
    public void Step_RepeatedEqualsForward(string kind)
    {
        const int steps = 4, batch = 2;
        var (layer, _) = Build<double>(kind);
        var rng = new Random(51);
        var x = LayerCheck.Random(rng, steps, batch, InputSize);
        var initial = RandomState(rng, batch, layer.Cell.HasCellState);
        var y = layer.Forward(x, [], initial).Clone();
        var state = initial.Clone();
        for (int t = 0; t < steps; t++)
            Approx.Equal(y[t].Span, layer.Step(x[t], state).Span, 1e-14, $"h at step {t}");
        Approx.Equal(layer.FinalState.H.Span, state.H.Span, 1e-14, "final h");
        if (state.C is not null) Approx.Equal(layer.FinalState.C!.Span, state.C.Span, 1e-14, "final c");
        state.ClearRow(1);
        Approx.Equal(new double[HiddenSize], state.H.Row(1), 0, "row cleared");
        state.Clear();
        Approx.Equal(new double[batch * HiddenSize], state.H.Span, 0, "state cleared");
    }

    /// <summary>
    /// Backward writes its gradients over the forward's cache, so a second Backward must refuse rather than read
    /// gradients as gate values; a new Forward makes Backward possible again and gives the same gradients.
    /// </summary>
    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(RecurrentModels))]
    public void Backward_OncePerForward_AndRepeatableAfterANewForward(string kind)
    {
        const int steps = 3, batch = 2;
        var (layer, parameters) = Build<double>(kind);
        var rng = new Random(52);
        var x = LayerCheck.Random(rng, steps, batch, InputSize);
        var dy = LayerCheck.Random(rng, steps, batch, HiddenSize);
        layer.Forward(x);
        var dx = layer.Backward(dy).Clone();
        var gradients = parameters.Gradients.ToArray();
        var error = Assert.Throws<InvalidOperationException>(() => layer.Backward(dy));
        Assert.Contains("one for each Backward", error.Message);
        parameters.ZeroGradients();
        layer.Forward(x);
        Approx.Equal(dx.Span, layer.Backward(dy).Span, 1e-15, "dx");
        Approx.Equal(gradients, parameters.Gradients, 1e-15, "parameter gradients");
    }
}
