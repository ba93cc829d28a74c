using System.Numerics;
using System.Text.Json;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Tests.Optimizers;

/// <summary>
/// Replays trajectories recorded from torch.optim (tools/reference/optimizers.py, torch 1.13, float64): the same
/// initial parameters and the same gradient at every step must give PyTorch's parameters after every step.
/// Tolerances: double within 1e-13·max(|θ|, 1) (observed: one ulp); float within
/// 1e-5·max(|θ|, 1) of the float64 reference (observed: under 2e-7).
/// </summary>
public class OptimizerFixtureTests
{
    private static readonly Lazy<JsonDocument> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "optimizers.json"))));

    public static TheoryData<string> CaseNames() => new(Names());

    private static IEnumerable<string> Names() =>
        Fixture.Value.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    [Fact]
    public void Fixture_CoversEveryOptimizerAndVariant()
    {
        var names = Names().ToHashSet();
        foreach (var required in new[] { "sgd", "sgd_momentum", "sgd_nesterov", "sgd_momentum_weight_decay", "adagrad",
                     "rmsprop", "rmsprop_centered", "rmsprop_centered_momentum_weight_decay", "adam",
                         "adam_weight_decay", "adamw" })
            Assert.Contains(required, names);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Double_MatchesPyTorchTrajectory(string name) => Replay<double>(name, relative: 1e-13);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Float_MatchesPyTorchTrajectoryWithinFloatRounding(string name) => Replay<float>(name, relative: 1e-5);

    private static void Replay<T>(string name, double relative) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = Fixture.Value.RootElement.GetProperty("cases").EnumerateArray().Single(e =>
            e.GetProperty("name").GetString() == name);
        double[] initial = Doubles(c.GetProperty("initial"));
        var gradients = c.GetProperty("gradients").EnumerateArray().Select(Doubles).ToArray();
        var trajectory = c.GetProperty("trajectory").EnumerateArray().Select(Doubles).ToArray();

        var parameters = new ParameterSet<T>();
        parameters.Add("theta", [initial.Length], ConstantInitializer.Zeros);
        parameters.Seal();
        for (int i = 0; i < initial.Length; i++) parameters.Values[i] = T.CreateChecked(initial[i]);
        var optimizer = Build<T>(c.GetProperty("optimizer").GetString()!, c.GetProperty("options"));

        for (int step = 0; step < gradients.Length; step++)
        {
            for (int i = 0; i < initial.Length; i++) parameters.Gradients[i] = T.CreateChecked(gradients[step][i]);
            optimizer.Step(parameters);
            var actual = new double[initial.Length];
            for (int i = 0; i < actual.Length; i++) actual[i] = double.CreateChecked(parameters.Values[i]);
            NumericAssert.Close(trajectory[step], actual, relative, scaleFloor: 1,
                $"{name} ({typeof(T).Name}) after step {step + 1}");
        }
    }

    /// <summary>Options absent from the fixture take the C# defaults, which must equal PyTorch's for the replay to
    /// pass.</summary>
    private static IOptimizer<T> Build<T>(string kind, JsonElement options) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        double D(string key, double fallback) => options.TryGetProperty(key, out var e) ? e.GetDouble() : fallback;
        bool B(string key, bool fallback) => options.TryGetProperty(key, out var e) ? e.GetBoolean() : fallback;
        double lr = options.GetProperty("LearningRate").GetDouble();
        switch (kind)
        {
            case "Sgd":
                var s = new SgdOptions();
                return new Sgd<T>(new SgdOptions(lr, D("Momentum", s.Momentum), D("Dampening", s.Dampening),
                    B("Nesterov", s.Nesterov), D("WeightDecay", s.WeightDecay)));
            case "Adagrad":
                var g = new AdagradOptions();
                return new Adagrad<T>(new AdagradOptions(lr, D("LearningRateDecay", g.LearningRateDecay),
                    D("WeightDecay", g.WeightDecay),
                    D("InitialAccumulator", g.InitialAccumulator), D("Epsilon", g.Epsilon)));
            case "RmsProp":
                var r = new RmsPropOptions();
                return new RmsProp<T>(new RmsPropOptions(lr, D("Alpha", r.Alpha), D("Epsilon", r.Epsilon),
                    D("WeightDecay", r.WeightDecay),
                    D("Momentum", r.Momentum), B("Centered", r.Centered)));
            case "Adam":
                var a = new AdamOptions();
                return new Adam<T>(new AdamOptions(lr, D("Beta1", a.Beta1), D("Beta2", a.Beta2),
                    D("Epsilon", a.Epsilon), D("WeightDecay", a.WeightDecay)));
            case "AdamW":
                var w = new AdamWOptions();
                return new AdamW<T>(new AdamWOptions(lr, D("Beta1", w.Beta1), D("Beta2", w.Beta2),
                    D("Epsilon", w.Epsilon), D("WeightDecay", w.WeightDecay)));
            default:
                throw new ArgumentException($"fixture names an unknown optimizer '{kind}'");
        }
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
