using Recurrent.Diagnostics;
using Recurrent.Lab.Examples;
using Recurrent.Layers;
using Recurrent.Parameters;
using Recurrent.Tests.Support;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Diagnostics;

public class GradientCheckerTests
{
    [Fact]
    public void MlpGradientCheck_PassesAtOneInAMillion_ForEveryParameterAndTheInput()
    {
        var report = MlpGradientCheck.Run(seed: 1);
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "input" },
            report.Results.Select(r => r.Name));
        Assert.Equal(1e-6, report.Tolerance);
        Approx.Passes(report);
        Assert.Equal(20, report.Results[0].EntriesChecked); // (7, 5) = 35 entries, sampled down to 20
        Assert.Equal(7, report.Results[1].EntriesChecked);
    }

    [Fact]
    public void Check_CatchesAWrongBackwardPass()
    {
        var parameters = new ParameterSet<double>();
        var w = parameters.Add("w", [3], ConstantInitializer.Zeros);
        parameters.Seal();
        w.Value.Span[0] = 0.5; w.Value.Span[1] = -1.0; w.Value.Span[2] = 2.0;
        double Cost() => TensorPrimitives.SumOfSquares<double>(w.Value.Span); // C = Σ w², ∂C/∂w = 2w
        void Wrong()
        {
            parameters.ZeroGradients();
            TensorPrimitives.Multiply<double>(w.Value.Span, 2, w.Gradient.Span);
            w.Gradient.Span[1] *= 1.001; // a 0.1 % bug in one entry
        }
        var result = Assert.Single(GradientChecker.Check(parameters, Cost, Wrong).Results);
        Assert.Equal(1, result.WorstIndex);
        Assert.Equal("(1)", result.WorstPosition);
        Assert.True(result.WorstRelativeError > 1e-4,
            $"relative error {result.WorstRelativeError:E2} should expose the bug");
        Approx.Equal(-2.0, result.Numeric, 1e-8, "numeric ∂C/∂w₁");
    }

    [Fact]
    public void Check_SamplesLargeTensorsReproducibly_AndRestoresValues()
    {
        var parameters = new ParameterSet<double>();
        var dense = new Dense<double>(parameters, "d.", 10, 8);
        parameters.Initialize(new Random(2));
        var before = parameters.Values.ToArray();
        var x = LayerCheck.Random(new Random(3), 2, 10);
        var options = new GradientCheckOptions(MaxEntriesPerParameter: 5, Seed: 9);
        double Cost() => TensorPrimitives.SumOfSquares<double>(dense.Forward(x).Span);
        void Gradients()
        {
            var y = dense.Forward(x);
            var dy = y.Clone();
            TensorPrimitives.Multiply<double>(dy.Span, 2, dy.Span);
            dense.Backward(dy);
        }
        var first = GradientChecker.Check(parameters, Cost, Gradients, options);
        var second = GradientChecker.Check(parameters, Cost, Gradients, options);
        Assert.Equal(new[] { 5, 5 }, first.Results.Select(r => r.EntriesChecked));
        Assert.Equal(first.Results.Select(r => r.WorstIndex), second.Results.Select(r => r.WorstIndex));
        Approx.Equal(before, parameters.Values, 0, "parameters after the check");
        Approx.Passes(first);
    }

    [Fact]
    public void RelativeError_ExactZerosAgree_AndFloorKeepsItFinite()
    {
        Assert.Equal(0, GradientChecker.RelativeError(0, 0, 1e-8));
        Approx.Equal(1e-12 / 1e-8, GradientChecker.RelativeError(1e-12, 0, 1e-8), 1e-20, "below the floor");
        Approx.Equal(0.1 / 2.1, GradientChecker.RelativeError(1.0, 1.1, 1e-8), 1e-15, "|a − n| / (|a| + |n|)");
    }

    [Fact]
    public void WorstPosition_IsTheRowMajorMultiIndex()
    {
        var result = new GradientCheckResult("w", [3, 4], 12, 0, 7, 0, 0);
        Assert.Equal("(1, 3)", result.WorstPosition);
    }
}
