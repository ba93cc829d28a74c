using Recurrent.Optimizers;

namespace Recurrent.Tests.Optimizers;

/// <summary>Each schedule against its closed form at several steps, and the validation of its arguments.</summary>
public class ScheduleTests
{
    private static readonly int[] Steps = [0, 1, 2, 9, 10, 11, 49, 50, 99, 100, 101, 1000];

    [Fact]
    public void Constant_IsTheSameAtEveryStep()
    {
        var s = new ConstantSchedule(0.3);
        foreach (int t in Steps) NumericAssert.Near(0.3, s.At(t), 0, $"step {t}");
    }

    [Fact]
    public void StepDecay_MatchesClosedForm()
    {
        var s = new StepDecaySchedule(0.1, StepSize: 10, Gamma: 0.5);
        foreach (int t in Steps) NumericAssert.Near(0.1 * Math.Pow(0.5, t / 10), s.At(t), 1e-15, $"step {t}");
        NumericAssert.Near(0.1, s.At(9), 1e-15, "last step before the first decay");
        NumericAssert.Near(0.05, s.At(10), 1e-15, "first decayed step");
    }

    [Fact]
    public void ExponentialDecay_MatchesClosedForm()
    {
        var s = new ExponentialDecaySchedule(0.2, Gamma: 0.99);
        foreach (int t in Steps) NumericAssert.Near(0.2 * Math.Pow(0.99, t), s.At(t), 1e-15, $"step {t}");
    }

    [Fact]
    public void Cosine_MatchesPyTorchClosedFormThenHoldsMinimum()
    {
        var s = new CosineSchedule(0.1, TotalSteps: 100, MinimumLearningRate: 0.001);
        foreach (int t in Steps.Where(t => t <= 100))
            NumericAssert.Near(0.001 + (0.1 - 0.001) * (1 + Math.Cos(Math.PI * t / 100)) / 2, s.At(t), 1e-15,
                $"step {t}");
        NumericAssert.Near(0.1, s.At(0), 1e-15, "start");
        NumericAssert.Near(0.0505, s.At(50), 1e-15, "half way");
        NumericAssert.Near(0.001, s.At(100), 1e-15, "end");
        NumericAssert.Near(0.001, s.At(1000), 0, "past the end");
    }

    [Fact]
    public void Warmup_RisesLinearlyThenFollowsTheOffsetInner()
    {
        var inner = new CosineSchedule(0.1, TotalSteps: 100);
        var s = new WarmupSchedule(WarmupSteps: 10, inner);
        for (int t = 0; t < 10; t++) NumericAssert.Near(0.1 * (t + 1) / 10, s.At(t), 1e-15, $"warm-up step {t}");
        NumericAssert.Near(0.01, s.At(0), 1e-15, "first step is lr / warm-up");
        NumericAssert.Near(0.1, s.At(9), 1e-15, "last warm-up step reaches lr");
        foreach (int t in Steps.Where(t => t >= 10))
            NumericAssert.Near(inner.At(t - 10), s.At(t), 0, $"step {t} follows the inner schedule at {t - 10}");
        NumericAssert.Near(0, s.At(110), 1e-15, "warm-up plus cosine ends at the minimum");
    }

    [Fact]
    public void Warmup_ZeroSteps_IsTheInnerSchedule()
    {
        var inner = new ExponentialDecaySchedule(0.1, 0.9);
        var s = new WarmupSchedule(0, inner);
        foreach (int t in Steps) NumericAssert.Near(inner.At(t), s.At(t), 0, $"step {t}");
    }

    public static TheoryData<string, Func<object>, string[]> BadSchedules() => new()
    {
        { "negative rate", () => new ConstantSchedule(-0.1), ["learning rate", "-0.1"] },
        { "NaN rate", () => new StepDecaySchedule(double.NaN, 10, 0.5), ["learning rate", "NaN"] },
        { "zero step size", () => new StepDecaySchedule(0.1, 0, 0.5), ["step size", "got 0"] },
        { "gamma above one", () => new StepDecaySchedule(0.1, 10, 1.5), ["gamma", "1.5"] },
        { "zero gamma", () => new ExponentialDecaySchedule(0.1, 0), ["gamma", "got 0"] },
        { "zero total steps", () => new CosineSchedule(0.1, 0), ["total steps", "got 0"] },
        { "minimum above rate", () => new CosineSchedule(0.1, 10, 0.2), ["minimum learning rate", "0.2", "0.1"] },
        { "negative minimum", () => new CosineSchedule(0.1, 10, -0.1), ["minimum learning rate", "-0.1"] },
        { "negative warm-up", () => new WarmupSchedule(-1, new ConstantSchedule(0.1)), ["warm-up steps", "-1"] },
        { "invalid with", () => new ConstantSchedule(0.1) with { LearningRate = -2 }, ["learning rate", "-2"] },
    };

    [Theory]
    [MemberData(nameof(BadSchedules))]
    public void Constructor_BadArgument_ThrowsNamingValue(string because, Func<object> construct, string[] fragments)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => construct());
        foreach (var fragment in fragments)
            Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal),
                $"{because}: message \"{e.Message}\" lacks \"{fragment}\"");
    }

    [Fact]
    public void Warmup_NullInner_Throws() => Assert.Throws<ArgumentNullException>(() => new WarmupSchedule(5, null!));

    [Fact]
    public void At_NegativeStep_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(0.1).At(-1));
        Assert.Contains("-1", e.Message);
    }
}
