using Recurrent.Diagnostics;
using Recurrent.Layers.Recurrent;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Layers.Recurrent.StackModels;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// Stacked, bidirectional (each combine mode) and dropout stacks against finite differences in float64 (relative error
/// ≤ 1e-6), on masked batches, under C = Σ g ⊙ y + Σ g_h ⊙ h_n (+ Σ g_c ⊙ c_n): parameters, x, h_0 and c_0.
/// </summary>
public class StackGradientTests
{
    private static GradientCheckReport Check(string family, RecurrentStackOptions options, int[] lengths, int steps = 4,
        int batch = 3,
        int seed = 1, Action<RecurrentStack<double>>? prepare = null, RecurrentStack<double>? carriedFrom = null)
    {
        var (stack, parameters) = Build<double>(options, seed);
        bool hasC = options.Cell == CellKind.Lstm;
        var rng = new Random(seed + 100);
        var x = LayerCheck.Random(rng, steps, batch, InputSize);
        var h0 = carriedFrom?.FinalHidden.Clone() ?? RandomStates(rng, options, batch);
        var c0 = hasC ? carriedFrom?.FinalCell!.Clone() ?? RandomStates(rng, options, batch) : null;
        var g = LayerCheck.Random(rng, steps, batch, options.OutputSize);
        var gh = RandomStates(rng, options, batch);
        var gc = hasC ? RandomStates(rng, options, batch) : null;
        prepare?.Invoke(stack);
        double Loss()
        {
            double cost = RecurrentModels.Dot(stack.Forward(x, lengths, h0, c0),
                g) + RecurrentModels.Dot(stack.FinalHidden, gh);
            return hasC ? cost + RecurrentModels.Dot(stack.FinalCell!, gc!) : cost;
        }
        Tensor<double>? dx = null, dh0 = null, dc0 = null;
        void Gradients()
        {
            parameters.ZeroGradients();
            stack.Forward(x, lengths, h0, c0);
            dx = stack.Backward(g, gh, gc).Clone();
            dh0 = stack.InitialHiddenGradient.Clone();
            dc0 = stack.InitialCellGradient?.Clone();
        }
        var checkOptions = CheckOptions(family, seed);
        var report = GradientChecker.Check(parameters, Loss, Gradients, checkOptions);
        Gradients();
        report = report.With(GradientChecker.CheckInput(x, Loss, dx!, checkOptions), GradientChecker.CheckInput(h0,
            Loss, dh0!, checkOptions, "h0"));
        if (hasC) report = report.With(GradientChecker.CheckInput(c0!, Loss, dc0!, checkOptions, "c0"));
        return report;
    }

    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(StackModels))]
    public void Stacked_Masked_MatchesFiniteDifferences(string family)
    {
        var report = Check(family, Options(family, layers: 3), [4, 2, 0]);
        Approx.Passes(report);
        Assert.Contains(report.Results, r => r.Name == "weight_ih_l2");
    }

    public static TheoryData<string, BidirectionalCombine> BidirectionalCases()
    {
        var data = new TheoryData<string, BidirectionalCombine>();
        foreach (var family in Families)
            foreach (var combine in Enum.GetValues<BidirectionalCombine>()) data.Add(family, combine);
        return data;
    }

    [Theory]
    [MemberData(nameof(BidirectionalCases))]
    public void Bidirectional_Stacked_Masked_MatchesFiniteDifferences(string family, BidirectionalCombine combine)
    {
        var report = Check(family, Options(family, bidirectional: true, combine: combine), [4, 3, 1]);
        Approx.Passes(report);
        Assert.Contains(report.Results, r => r.Name == "weight_hh_l1_reverse");
    }

    /// <summary>Dropout with its masks frozen after one draw is a fixed function, so its backward pass is
    /// checkable.</summary>
    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(StackModels))]
    public void Dropout_WithReusedMasks_MatchesFiniteDifferences(string family)
    {
        int[] lengths = [4, 2, 3];
        var options = Options(family, layers: 3, bidirectional: family.Contains("gru"), dropout: 0.4);
        var report = Check(family, options, lengths, prepare: stack =>
        {
            stack.Forward(new Tensor<double>(4, 3, InputSize), lengths); // draws every mask once
            stack.ReuseDropoutMasks = true;
            foreach (var d in stack.Dropouts)
                Assert.Contains(d.Mask!.Span.ToArray(), m => m == 0); // something is actually dropped
        });
        Approx.Passes(report);
    }

    /// <summary>
    /// Truncated BPTT by chunks: the second chunk starts from the first chunk's final states, held constant, so its
    /// gradient is the exact gradient of the second chunk's cost with those states fixed (h_0 and c_0 checked too, as
    /// an encoder–decoder would read them); every layer runs with horizon k2 = T, which must be full BPTT.
    /// </summary>
    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(StackModels))]
    public void Truncated_SecondChunkFromCarriedState_MatchesFiniteDifferences(string family)
    {
        var options = Options(family, bidirectional: family == "gru", horizon: 4);
        var (first, _) = Build<double>(options, seed: 5);
        var rng = new Random(6);
        first.Forward(LayerCheck.Random(rng, 3, 2, InputSize), [3, 2]);
        Approx.Passes(Check(family, options, [4, 1], steps: 4, batch: 2, seed: 5, carriedFrom: first));
    }
}
