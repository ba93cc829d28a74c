using Recurrent.Diagnostics;
using Recurrent.Layers.Recurrent;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Layers.Recurrent.RecurrentModels;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>Every backward pass of the recurrent layer against finite differences in float64, relative error ≤
/// 1e-6.</summary>
public class RecurrentGradientTests
{
    /// <summary>
    /// Checks parameters, x, h_0 (and c_0) under C = Σ g ⊙ y + Σ g_final ⊙ final state, so the final-state gradient
    /// path is exercised too.
    /// </summary>
    private static GradientCheckReport Check(string kind, RecurrentLayerOptions? options, int[] lengths, int steps = 4,
        int batch = 3, int seed = 1)
    {
        var (layer, parameters) = Build<double>(kind, options, seed);
        bool hasC = layer.Cell.HasCellState;
        var rng = new Random(seed + 100);
        var x = LayerCheck.Random(rng, steps, batch, InputSize);
        var initial = RandomState(rng, batch, hasC);
        var g = LayerCheck.Random(rng, steps, batch, HiddenSize);
        var gFinal = RandomState(rng, batch, hasC);
        double Loss() => Cost(layer, x, lengths, initial, g, gFinal);
        Tensor<double>? dx = null;
        RecurrentState<double>? dInitial = null;
        void Gradients()
        {
            parameters.ZeroGradients();
            layer.Forward(x, lengths, initial);
            dx = layer.Backward(g, gFinal).Clone();
            dInitial = layer.InitialStateGradient.Clone();
        }
        var checkOptions = CheckOptions(kind, seed);
        var report = GradientChecker.Check(parameters, Loss, Gradients, checkOptions);
        Gradients();
        report = report.With(
            GradientChecker.CheckInput(x, Loss, dx!, checkOptions),
            GradientChecker.CheckInput(initial.H, Loss, dInitial!.H, checkOptions, "h0"));
        if (hasC) report = report.With(GradientChecker.CheckInput(initial.C!, Loss, dInitial.C!, checkOptions, "c0"));
        return report;
    }

    [Theory]
    [MemberData(nameof(KindData), MemberType = typeof(RecurrentModels))]
    public void Backward_MatchesFiniteDifferences(string kind)
    {
        var report = Check(kind, null, []);
        Approx.Passes(report);
        Assert.Contains(report.Results, r => r.Name == "weight_hh_l0");
        Assert.Contains(report.Results, r => r.Name == "h0");
    }

    [Theory]
    [MemberData(nameof(KindData), MemberType = typeof(RecurrentModels))]
    public void Backward_VariableLengths_MatchesFiniteDifferences(string kind) =>
        Approx.Passes(Check(kind, null, [4, 2, 0]));

    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(RecurrentModels))]
    public void Backward_Reverse_VariableLengths_MatchesFiniteDifferences(string kind) =>
        Approx.Passes(Check(kind, new RecurrentLayerOptions(Reverse: true), [4, 3, 1]));

    /// <summary>k2 = L (each row's own length or more) is full BPTT: the same gradients as no horizon, to the last
    /// bit.</summary>
    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(RecurrentModels))]
    public void Backward_HorizonOfWholeSequence_IsFullBptt(string kind)
    {
        int[] lengths = [4, 2, 3];
        var rng = new Random(9);
        var x = LayerCheck.Random(rng, 4, 3, InputSize);
        var g = LayerCheck.Random(rng, 4, 3, HiddenSize);
        (double[] Parameters, double[] Input, double[] Initial) Gradients(int? k2)
        {
            var (layer, parameters) = Build<double>(kind, new RecurrentLayerOptions(TruncationHorizon: k2));
            layer.Forward(x, lengths);
            var dx = layer.Backward(g).Span.ToArray();
            return (parameters.Gradients.ToArray(), dx, layer.InitialStateGradient.H.Span.ToArray());
        }
        var full = Gradients(null);
        var horizon = Gradients(4);
        Approx.Equal(full.Parameters, horizon.Parameters, 0, "parameter gradients");
        Approx.Equal(full.Input, horizon.Input, 0, "dx");
        Approx.Equal(full.Initial, horizon.Initial, 0, "∂C/∂h0");
    }

    /// <summary>
    /// With horizon k2 the layer's gradient is the exact gradient of the cost in which the state entering step s is
    /// held constant for s &lt; T − k2. That cost is rebuilt from separate runs sharing the cell: one-step runs from
    /// frozen states for s &lt; T − k2 − 1, then one run from step T − k2 − 1 to the end; finite differences of it must
    /// match.
    /// </summary>
    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(RecurrentModels))]
    public void Backward_TruncatedHorizon_MatchesCostWithFrozenEarlyStates(string kind)
    {
        const int steps = 5, batch = 2, k2 = 2, tail = steps - k2 - 1; // the live run starts at step 2
        var (layer, parameters) = Build<double>(kind, new RecurrentLayerOptions(TruncationHorizon: k2), seed: 3);
        var probe = new RecurrentLayer<double>(layer.Cell);
        bool hasC = layer.Cell.HasCellState;
        var rng = new Random(7);
        var x = LayerCheck.Random(rng, steps, batch, InputSize);
        var initial = RandomState(rng, batch, hasC);
        var g = LayerCheck.Random(rng, steps, batch, HiddenSize);
        var frozen = new RecurrentState<double>[steps]; // the state entering step s, at the base parameters
        frozen[0] = initial;
        for (int s = 1; s < steps; s++)
        {
            probe.Forward(x.Slice(0, s), [], initial);
            frozen[s] = probe.FinalState.Clone();
        }
        double DetachedCost()
        {
            double cost = 0;
            for (int s = 0; s < tail; s++) cost += Dot(probe.Forward(x.Slice(s, 1), [], frozen[s]), g.Slice(s, 1));
            return cost + Dot(probe.Forward(x.Slice(tail, steps - tail), [], frozen[tail]), g.Slice(tail,
                steps - tail));
        }
        Tensor<double>? dx = null;
        void Gradients()
        {
            parameters.ZeroGradients();
            layer.Forward(x, [], initial);
            dx = layer.Backward(g).Clone();
        }
        var options = CheckOptions(kind, 5);
        var report = GradientChecker.Check(parameters, DetachedCost, Gradients, options);
        Gradients();
        Approx.Passes(report.With(GradientChecker.CheckInput(x, DetachedCost, dx!, options)));
        Approx.Equal(new double[batch * HiddenSize], layer.InitialStateGradient.H.Span, 0, "∂C/∂h0 beyond the horizon");
    }
}
