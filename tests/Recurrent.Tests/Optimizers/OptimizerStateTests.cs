using System.Numerics;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Tests.Optimizers;

/// <summary>Export and import of optimizer state: a resumed run must continue bit for bit.</summary>
public class OptimizerStateTests
{
    public static TheoryData<string> Variants() => new(
        "sgd", "sgd_momentum", "sgd_nesterov_decay", "adagrad", "rmsprop", "rmsprop_centered_momentum", "adam_decay",
            "adamw");

    private static Optimizer<T> Create<T>(string variant) where T : unmanaged, IFloatingPointIeee754<T> =>
        variant switch
    {
        "sgd" => new Sgd<T>(new SgdOptions(0.01)),
        "sgd_momentum" => new Sgd<T>(new SgdOptions(0.01, Momentum: 0.9, Dampening: 0.1)),
        "sgd_nesterov_decay" => new Sgd<T>(new SgdOptions(0.01, Momentum: 0.9, Nesterov: true, WeightDecay: 0.01)),
        "adagrad" =>
            new Adagrad<T>(new AdagradOptions(0.1, LearningRateDecay: 0.01, WeightDecay: 0.01,
            InitialAccumulator: 0.1)),
        "rmsprop" => new RmsProp<T>(new RmsPropOptions(0.01)),
        "rmsprop_centered_momentum" =>
            new RmsProp<T>(new RmsPropOptions(0.01, WeightDecay: 0.01, Momentum: 0.9, Centered: true)),
        "adam_decay" => new Adam<T>(new AdamOptions(0.01, WeightDecay: 0.01)),
        "adamw" => new AdamW<T>(new AdamWOptions(0.01)),
        _ => throw new ArgumentException(variant),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void ImportIntoFreshOptimizer_ContinuesBitForBit(string variant)
    {
        const int n = 1024 + 13, before = 5, after = 6;
        var rng = new Random(11);
        var start = Enumerable.Range(0, n).Select(_ => (float)rng.NextGaussian()).ToArray();
        var gradients = Enumerable.Range(0, before + after)
            .Select(_ => Enumerable.Range(0, n).Select(_ => (float)rng.NextGaussian()).ToArray()).ToArray();

        var straight = Create<float>(variant);
        var expected = (float[])start.Clone();
        foreach (var g in gradients) straight.Step(expected, g);

        var first = Create<float>(variant);
        var resumedValues = (float[])start.Clone();
        for (int k = 0; k < before; k++) first.Step(resumedValues, gradients[k]);
        var state = first.ExportState();
        Assert.Equal(before, state.Step);

        var second = Create<float>(variant);
        second.ImportState(state);
        Assert.Equal(before, second.StepCount);
        for (int k = before; k < before + after; k++) second.Step(resumedValues, gradients[k]);

        for (int i = 0; i < n; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(resumedValues[i]),
                $"{variant}: parameter {i} differs: uninterrupted {expected[i]:R}, resumed {resumedValues[i]:R}");
    }

    [Fact]
    public void Export_UsesPyTorchNamesAndCopies()
    {
        var adam = new Adam<double>(new AdamOptions(0.1));
        double[] values = [1, 2];
        adam.Step(values, [0.5, -0.5]);
        var state = adam.ExportState();
        Assert.Equal(["exp_avg", "exp_avg_sq"], state.Vectors.Keys.Order());
        state.Vectors["exp_avg"][0] = 1e9; // the export is a copy: changing it must not touch the optimizer
        Assert.True(adam.ExportState().Vectors["exp_avg"][0] < 1, "export shares the optimizer's buffer");

        Assert.Equal(["grad_avg", "momentum_buffer", "square_avg"],
            Stepped(new RmsProp<double>(new RmsPropOptions(Momentum: 0.5, Centered: true))).Vectors.Keys.Order());
        Assert.Equal(["sum"], Stepped(new Adagrad<double>(new AdagradOptions())).Vectors.Keys);
        Assert.Empty(Stepped(new Sgd<double>(new SgdOptions())).Vectors);
        Assert.Empty(new Adam<double>(new AdamOptions()).ExportState().Vectors); // nothing before the first step
    }

    [Fact]
    public void Import_StateOfAnotherOptimizer_NamesTheStrayVector()
    {
        var adamState = Stepped(new Adam<double>(new AdamOptions()));
        var sgd = new Sgd<double>(new SgdOptions(Momentum: 0.9));
        var e = Assert.Throws<ArgumentException>(() => sgd.ImportState(adamState));
        Assert.Contains("unexpected vector 'exp_avg'", e.Message);
        Assert.Contains("keeps 'momentum_buffer'", e.Message);
    }

    [Fact]
    public void Import_WrongVectors_AreRejectedWithTheReason()
    {
        var adam = new Adam<double>(new AdamOptions());
        var missing = new OptimizerState<double>(3, new Dictionary<string, double[]> { ["exp_avg"] = [0, 0] });
        Assert.Contains("lacks the vector 'exp_avg_sq'", Assert.Throws<ArgumentException>(() =>
            adam.ImportState(missing)).Message);

        var extra =
            new OptimizerState<double>(3, new Dictionary<string,
            double[]> { ["exp_avg"] = [0], ["exp_avg_sq"] = [0], ["sum"] = [0] });
        Assert.Contains("unexpected vector 'sum'", Assert.Throws<ArgumentException>(() =>
            adam.ImportState(extra)).Message);

        var ragged =
            new OptimizerState<double>(3, new Dictionary<string,
            double[]> { ["exp_avg"] = [0, 0], ["exp_avg_sq"] = [0] });
        Assert.Contains("must all have one length", Assert.Throws<ArgumentException>(() =>
            adam.ImportState(ragged)).Message);

        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() =>
            adam.ImportState(new OptimizerState<double>(-1, new Dictionary<string, double[]>()))).Message);
        Assert.Contains("lacks the vector", Assert.Throws<ArgumentException>(() =>
            adam.ImportState(new OptimizerState<double>(4, new Dictionary<string, double[]>()))).Message);

        var stepped = new Adam<double>(new AdamOptions());
        stepped.Step(new double[3], new double[3]);
        var wrongLength =
            new OptimizerState<double>(3, new Dictionary<string,
            double[]> { ["exp_avg"] = [0, 0], ["exp_avg_sq"] = [0, 0] });
        Assert.Contains("keeps state for 3 parameters, but the imported state has 2",
            Assert.Throws<ArgumentException>(() => stepped.ImportState(wrongLength)).Message);
    }

    private static OptimizerState<double> Stepped(Optimizer<double> optimizer)
    {
        optimizer.Step(new double[] { 1, 2 }, new double[] { 0.1, 0.2 });
        return optimizer.ExportState();
    }
}
