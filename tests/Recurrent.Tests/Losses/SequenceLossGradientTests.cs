using Recurrent.Diagnostics;
using Recurrent.Losses;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Losses;

/// <summary>What holds for every sequence loss: gradients, masks, the empty case and float/double agreement.</summary>
public class SequenceLossGradientTests
{
    public static TheoryData<string, bool, bool> Cases()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (string name in SequenceLossTestData.Names())
            foreach (bool sequence in new[] { true, false })
                foreach (bool masked in new[] { false, true })
                    data.Add(name, sequence, masked);
        return data;
    }

    /// <summary>
    /// ∂C/∂prediction against finite differences in float64, every entry, relative error ≤ 1e-6: the five-point
    /// stencil (h = 1e-3) for smooth losses, a central difference with h = 1e-5 for MAE and Huber, whose kinks the
    /// random data keep clear of.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_MatchesFiniteDifferences(string name, bool sequence, bool masked)
    {
        var loss = SequenceLossTestData.Create<double>(name);
        var (y, targets) = SequenceLossTestData.Batch(loss.UsesClassTargets, name, SequenceLossTestData.Shape(sequence),
            seed: 1);
        var mask = masked ? SequenceLossTestData.Mask(sequence) : null;
        var gradient = new Tensor<double>(y.Shape);
        loss.Compute(y, targets, mask, gradient);
        var options = SequenceLossTestData.IsPiecewise(name)
            ? GradientCheckOptions.ForKinks
            : new GradientCheckOptions();
        var result = GradientChecker.CheckInput(y, () => loss.Compute(y, targets, mask), gradient,
            options with { MaxEntriesPerParameter = 100 }, name: $"{name} prediction");
        Assert.Equal(y.Length, result.EntriesChecked);
        Approx.Passes(result, 1e-6);
    }

    /// <summary>Masked rows are never read: NaN predictions and garbage targets there change nothing, and their
    /// gradient is exactly 0.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void MaskedRows_ContributeNothing(string name, bool sequence, bool masked)
    {
        if (!masked) return; // the masked half of the cases
        var loss = SequenceLossTestData.Create<double>(name);
        var (y, targets) = SequenceLossTestData.Batch(loss.UsesClassTargets, name, SequenceLossTestData.Shape(sequence),
            seed: 2);
        var mask = SequenceLossTestData.Mask(sequence);
        var gradient = new Tensor<double>(y.Shape);
        double value = loss.Compute(y, targets, mask, gradient);

        var (y2, targets2) = (y.Clone(), Garble(targets, mask));
        int k = y.Shape[^1];
        for (int r = 0; r < mask.Length; r++)
            if (mask.Span[r] == 0) y2.Span.Slice(r * k, k).Fill(double.NaN);
        var gradient2 = new Tensor<double>(y.Shape);
        gradient2.Fill(7);
        Approx.Equal(value, loss.Compute(y2, targets2, mask, gradient2), 0, $"{name} value");
        Approx.Equal(gradient.Span, gradient2.Span, 0, $"{name} gradient");
        for (int r = 0; r < mask.Length; r++)
            if (mask.Span[r] == 0)
                Approx.Equal(new double[k], gradient2.Span.Slice(r * k, k), 0, $"{name} gradient of masked row {r}");
    }

    [Theory]
    [MemberData(nameof(SequenceLossTestData.Names), MemberType = typeof(SequenceLossTestData))]
    public void NothingCounted_GivesZeroAndZeroGradient(string name)
    {
        var loss = SequenceLossTestData.Create<double>(name);
        var (y, targets) = SequenceLossTestData.Batch(loss.UsesClassTargets, name, [2, 3, 4], seed: 3);
        var gradient = new Tensor<double>(2, 3, 4);
        gradient.Fill(5);
        Approx.Equal(0.0, loss.Compute(y, targets, new Tensor<double>(2, 3), gradient), 0, $"{name} value");
        Approx.Equal(new double[24], gradient.Span, 0, $"{name} gradient");

        var empty = new Tensor<double>(0, 3, 4); // T = 0
        Approx.Equal(0.0, loss.Compute(empty, loss.UsesClassTargets ? Array.Empty<int>() : new Tensor<double>(0, 3, 4)),
            0, $"{name} of no steps");
    }

    /// <summary>float agrees with double to 1e-5 (relative for the value), with and without masks, in both shapes;
    /// for cross-entropy without smoothing this holds the float fused kernel to the double rows.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void FloatAndDouble_Agree(string name, bool sequence, bool masked)
    {
        var (y, targets) = SequenceLossTestData.Batch(name.StartsWith("ce", StringComparison.Ordinal), name,
            SequenceLossTestData.Shape(sequence), seed: 4);
        var mask = masked ? SequenceLossTestData.Mask(sequence) : null;
        var gradient = new Tensor<double>(y.Shape);
        var gradientF = new Tensor<float>(y.Shape);
        double value = SequenceLossTestData.Create<double>(name).Compute(y, targets, mask, gradient);
        float valueF = SequenceLossTestData.Create<float>(name).Compute(y.Convert<float>(),
            SequenceLossTestData.ToFloat(targets), mask?.Convert<float>(), gradientF);
        Approx.Equal(value, valueF, 1e-5 * Math.Max(1, Math.Abs(value)), $"{name} value");
        Approx.Equal(gradient.Span, gradientF.Convert<double>().Span, 1e-5, $"{name} gradient");
    }

    /// <summary>The flattened (T·B) mask the layers produce means the same as (T, B).</summary>
    [Theory]
    [MemberData(nameof(SequenceLossTestData.Names), MemberType = typeof(SequenceLossTestData))]
    public void FlatMask_EqualsTimeByBatchMask(string name)
    {
        var loss = SequenceLossTestData.Create<double>(name);
        var (y, targets) = SequenceLossTestData.Batch(loss.UsesClassTargets, name, [3, 2, 4], seed: 5);
        var mask = SequenceLossTestData.Mask(sequence: true);
        var (g1, g2) = (new Tensor<double>(3, 2, 4), new Tensor<double>(3, 2, 4));
        Approx.Equal(loss.Compute(y, targets, mask, g1), loss.Compute(y, targets, mask.Reshape(6), g2), 0, "value");
        Approx.Equal(g1.Span, g2.Span, 0, "gradient");
    }

    private static SequenceTargets<double> Garble(SequenceTargets<double> targets, Tensor<double> mask)
    {
        if (targets.IsClasses)
        {
            int[] ids = targets.ClassIds.ToArray();
            for (int r = 0; r < ids.Length; r++) if (mask.Span[r] == 0) ids[r] = -1;
            return ids;
        }
        var values = targets.ValueTensor!.Clone();
        int k = values.Shape[^1];
        for (int r = 0; r < mask.Length; r++) if (mask.Span[r] == 0) values.Span.Slice(r * k, k).Fill(1e300);
        return values;
    }
}
