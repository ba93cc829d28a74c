using Recurrent.Optimizers;

namespace Recurrent.Tests.Optimizers;

/// <summary>Out-of-range options are rejected at construction with a message naming the option, the value and the
/// expectation.</summary>
public class OptimizerOptionsTests
{
    public static TheoryData<string, Action, string[]> BadOptions() => new()
    {
        { "negative learning rate", () =>
            _ = new Sgd<float>(new SgdOptions(-0.1)), ["learning rate", "-0.1", "positive"] },
        { "zero learning rate", () => _ = new Adam<float>(new AdamOptions(0)), ["learning rate", "got 0", "positive"] },
        { "NaN learning rate", () => _ = new RmsProp<float>(new RmsPropOptions(double.NaN)), ["learning rate", "NaN"] },
        { "infinite learning rate", () =>
            _ = new Adagrad<float>(new AdagradOptions(double.PositiveInfinity)), ["learning rate", "finite"] },
        { "negative momentum", () => _ = new Sgd<float>(new SgdOptions(Momentum: -0.5)), ["momentum", "-0.5"] },
        { "negative dampening", () => _ = new Sgd<float>(new SgdOptions(Dampening: -1)), ["dampening", "-1"] },
        { "Nesterov without momentum", () =>
            _ = new Sgd<float>(new SgdOptions(Nesterov: true)), ["Nesterov", "momentum 0"] },
        { "Nesterov with dampening", () =>
            _ = new Sgd<float>(new SgdOptions(Momentum: 0.9, Dampening: 0.1, Nesterov: true)), ["Nesterov",
            "dampening 0.1"] },
        { "negative weight decay", () =>
            _ = new Sgd<float>(new SgdOptions(WeightDecay: -0.01)), ["weight decay", "-0.01"] },
        { "negative learning rate decay", () =>
            _ = new Adagrad<float>(new AdagradOptions(LearningRateDecay: -1)), ["learning rate decay", "-1"] },
        { "negative accumulator", () =>
            _ = new Adagrad<float>(new AdagradOptions(InitialAccumulator: -0.1)), ["initial accumulator", "-0.1"] },
        { "negative Adagrad epsilon", () =>
            _ = new Adagrad<float>(new AdagradOptions(Epsilon: -1e-10)), ["epsilon", "-1E-10"] },
        { "alpha of one", () => _ = new RmsProp<float>(new RmsPropOptions(Alpha: 1)), ["alpha", "[0, 1)", "got 1"] },
        { "negative RMSprop momentum", () =>
            _ = new RmsProp<float>(new RmsPropOptions(Momentum: -0.9)), ["momentum", "-0.9"] },
        { "beta1 of one", () => _ = new Adam<float>(new AdamOptions(Beta1: 1)), ["beta1", "[0, 1)", "got 1"] },
        { "negative beta2", () => _ = new Adam<float>(new AdamOptions(Beta2: -0.1)), ["beta2", "-0.1"] },
        { "NaN beta2", () => _ = new AdamW<float>(new AdamWOptions(Beta2: double.NaN)), ["beta2", "NaN"] },
        { "negative Adam epsilon", () => _ = new Adam<float>(new AdamOptions(Epsilon: -1e-8)), ["epsilon", "-1E-08"] },
        { "negative AdamW decay", () =>
            _ = new AdamW<float>(new AdamWOptions(WeightDecay: -0.01)), ["weight decay", "-0.01"] },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_BadOption_ThrowsNamingOptionAndValue(string because, Action construct, string[] fragments)
    {
        var e = Assert.ThrowsAny<ArgumentException>(construct);
        foreach (var fragment in fragments)
            Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal),
                $"{because}: message \"{e.Message}\" lacks \"{fragment}\"");
    }

    [Fact]
    public void NegativeLearningRate_MessageReadsAsDocumented()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(new SgdOptions(-0.1)));
        Assert.StartsWith("learning rate must be a positive finite number, got -0.1", e.Message);
        Assert.Equal("LearningRate", e.ParamName);
    }

    [Fact]
    public void Defaults_MatchPyTorch()
    {
        Assert.Equal(new SgdOptions(0.01, 0, 0, false, 0), new SgdOptions());
        Assert.Equal(new AdagradOptions(0.01, 0, 0, 0, 1e-10), new AdagradOptions());
        Assert.Equal(new RmsPropOptions(0.01, 0.99, 1e-8, 0, 0, false), new RmsPropOptions());
        Assert.Equal(new AdamOptions(1e-3, 0.9, 0.999, 1e-8, 0), new AdamOptions());
        Assert.Equal(new AdamWOptions(1e-3, 0.9, 0.999, 1e-8, 0.01), new AdamWOptions());
    }
}
