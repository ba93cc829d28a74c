using System.Numerics;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Tests.Optimizers;

/// <summary>Properties the PyTorch replay cannot show: convergence, chunking, allocation, state checks, the
/// factory.</summary>
public class OptimizerBehaviourTests
{
    /// <summary>Every optimizer, with every option that adds state or a branch switched on.</summary>
    public static TheoryData<string> Variants() =>
        new("sgd", "sgd_nesterov_decay", "adagrad", "rmsprop_centered_momentum", "adam_decay", "adamw");

    private static IOptimizer<T> Create<T>(string variant) where T : unmanaged, IFloatingPointIeee754<T> =>
        variant switch
    {
        "sgd" => new Sgd<T>(new SgdOptions(0.01)),
        "sgd_nesterov_decay" => new Sgd<T>(new SgdOptions(0.01, Momentum: 0.9, Nesterov: true, WeightDecay: 0.01)),
        "adagrad" =>
            new Adagrad<T>(new AdagradOptions(0.1, LearningRateDecay: 0.01, WeightDecay: 0.01,
            InitialAccumulator: 0.1)),
        "rmsprop_centered_momentum" =>
            new RmsProp<T>(new RmsPropOptions(0.01, WeightDecay: 0.01, Momentum: 0.9, Centered: true)),
        "adam_decay" => new Adam<T>(new AdamOptions(0.01, WeightDecay: 0.01)),
        "adamw" => new AdamW<T>(new AdamWOptions(0.01)),
        _ => throw new ArgumentException(variant),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Step_LongVectorAcrossChunks_EqualsEachElementOptimisedAlone(string variant)
    {
        // The update is element-wise, so a vector spanning several chunks (and SIMD tails) must give exactly
        // what each element gives on its own; a wrong state offset in any chunk would break this.
        const int n = 2 * 1024 + 37, steps = 4;
        var rng = new Random(7);
        var values = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var gradients = Enumerable.Range(0, steps).Select(_ =>
            Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray()).ToArray();

        var whole = (Optimizer<double>)Create<double>(variant);
        var together = (double[])values.Clone();
        foreach (var g in gradients) whole.Step(together, g);

        var alone = new double[n];
        for (int i = 0; i < n; i++)
        {
            var single = (Optimizer<double>)Create<double>(variant);
            double[] v = [values[i]];
            foreach (var g in gradients) single.Step(v, [g[i]]);
            alone[i] = v[0];
        }
        NumericAssert.Close(alone, together, relative: 1e-14, scaleFloor: 1,
            $"{variant}: whole vector vs element alone");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Step_AfterTheFirst_AllocatesNothing(string variant)
    {
        var parameters = QuadraticSet<float>(3000);
        var optimizer = Create<float>(variant);
        optimizer.Step(parameters); // allocates the state
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) optimizer.Step(parameters);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{variant}: five steps allocated {allocated} bytes");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Step_LeavesGradientsUntouched(string variant)
    {
        var parameters = QuadraticSet<double>(50);
        var before = parameters.Gradients.ToArray();
        Create<double>(variant).Step(parameters);
        NumericAssert.Close(before, parameters.Gradients.ToArray(), relative: 0, scaleFloor: 1,
            $"{variant}: gradients after a step");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Step_ParameterCountChanges_ThrowsNamingBothCounts(string variant)
    {
        var optimizer = (Optimizer<double>)Create<double>(variant);
        optimizer.Step(new double[10], new double[10]);
        var e = Assert.Throws<InvalidOperationException>(() => optimizer.Step(new double[12], new double[12]));
        Assert.Contains("10", e.Message);
        Assert.Contains("12", e.Message);
    }

    [Fact]
    public void Step_ValuesAndGradientsOfDifferentLength_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new Adam<double>(new AdamOptions()).Step(new double[3], new double[4]));
        Assert.Contains("3 and 4", e.Message);
    }

    [Fact]
    public void Adam_DescendsRosenbrockValley()
    {
        // f(x, y) = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1); start at the classic (−1.2, 1), f = 24.2.
        var (x, y) = Minimise(new Adam<double>(new AdamOptions(0.02)), steps: 3000);
        double f = Rosenbrock(x, y);
        Assert.True(f < 1e-3, $"Adam ended at ({x}, {y}) with f = {f}, expected below 1e-3 from 24.2");
    }

    [Fact]
    public void SgdWithMomentum_DescendsRosenbrockValley()
    {
        var (x, y) = Minimise(new Sgd<double>(new SgdOptions(1e-4, Momentum: 0.9)), steps: 3000);
        double f = Rosenbrock(x, y);
        Assert.True(f < 0.1, $"SGD ended at ({x}, {y}) with f = {f}, expected below 0.1 from 24.2");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Step_DecreasesAQuadratic(string variant)
    {
        // L = ½ Σ aᵢ θᵢ² with curvatures 1 … 4: every optimizer must cut the loss over 200 steps.
        var parameters = QuadraticSet<double>(64);
        double initial = QuadraticLoss(parameters);
        var optimizer = Create<double>(variant);
        for (int step = 0; step < 200; step++)
        {
            QuadraticGradient(parameters);
            optimizer.Step(parameters);
        }
        double final = QuadraticLoss(parameters);
        Assert.True(final < 0.5 * initial, $"{variant}: loss went from {initial} to {final}, expected at least halved");
    }

    [Fact]
    public void LearningRate_Zero_LeavesParametersUnchanged_Negative_Throws()
    {
        var optimizer = new Adam<double>(new AdamOptions(0.1)) { LearningRate = 0 };
        double[] values = [1, -2, 3];
        optimizer.Step(values, [0.5, 0.5, 0.5]);
        NumericAssert.Close([1, -2, 3], values, relative: 0, scaleFloor: 1, "values after a step at learning rate 0");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -0.1);
        Assert.Contains("-0.1", e.Message);
    }

    [Theory]
    [InlineData("sgd", typeof(Sgd<float>))]
    [InlineData("momentum", typeof(Sgd<float>))]
    [InlineData("NESTEROV", typeof(Sgd<float>))]
    [InlineData("adagrad", typeof(Adagrad<float>))]
    [InlineData("rmsprop", typeof(RmsProp<float>))]
    [InlineData("adam", typeof(Adam<float>))]
    [InlineData(" adamw ", typeof(AdamW<float>))]
    public void Factory_KnownName_CreatesThatOptimizerWithTheLearningRate(string name, Type expected)
    {
        var optimizer = OptimizerFactory.Create<float>(name, 0.25);
        Assert.IsType(expected, optimizer);
        NumericAssert.Near(0.25, optimizer.LearningRate, 0, $"learning rate of '{name}'");
    }

    [Fact]
    public void Factory_MomentumAndNesterov_SetMomentum()
    {
        var momentum = Assert.IsType<Sgd<double>>(OptimizerFactory.Create<double>("momentum", 0.1)).Options;
        var nesterov = Assert.IsType<Sgd<double>>(OptimizerFactory.Create<double>("nesterov", 0.1)).Options;
        NumericAssert.Near(0.9, momentum.Momentum, 0, "momentum of 'momentum'");
        Assert.False(momentum.Nesterov);
        Assert.True(nesterov.Nesterov);
    }

    [Fact]
    public void Factory_UnknownName_ListsValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<float>("adamax", 0.1));
        Assert.Contains("'adamax'", e.Message);
        Assert.Contains("sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw", e.Message);
    }

    private static (double X, double Y) Minimise(Optimizer<double> optimizer, int steps)
    {
        double[] p = [-1.2, 1.0];
        double[] g = new double[2];
        for (int i = 0; i < steps; i++)
        {
            g[0] = -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]);
            g[1] = 200 * (p[1] - p[0] * p[0]);
            optimizer.Step(p, g);
        }
        return (p[0], p[1]);
    }

    private static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    private static ParameterSet<T> QuadraticSet<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var set = new ParameterSet<T>();
        set.Add("theta", [n], new UniformInitializer(1));
        set.Initialize(new Random(3));
        QuadraticGradient(set);
        return set;
    }

    private static double Curvature(int i) => 1 + i % 4;

    private static void QuadraticGradient<T>(ParameterSet<T> set) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < set.Count; i++) set.Gradients[i] = T.CreateChecked(Curvature(i)) * set.Values[i];
    }

    private static double QuadraticLoss(ParameterSet<double> set)
    {
        double loss = 0;
        for (int i = 0; i < set.Count; i++) loss += 0.5 * Curvature(i) * set.Values[i] * set.Values[i];
        return loss;
    }
}
