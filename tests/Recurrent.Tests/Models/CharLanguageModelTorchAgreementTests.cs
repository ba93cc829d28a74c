using System.Numerics;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Parameters.Serialization;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using Xunit.Abstractions;

namespace Recurrent.Tests.Models;

/// <summary>
/// The model replays PyTorch's runs of the same module (tools/reference/charlm_fixture.py: 2-layer LSTM, one-hot and
/// embedded input, carried h0/c0, a masked mean cross-entropy): weights loaded by state_dict name, then logits, h_n,
/// c_n, loss and every parameter gradient compared. Measure, per tensor (as StackTorchAgreementTests):
/// err = max_i |a_i − b_i| / max(|b_i|, max_j |b_j|); float32 ≤ 1e-5, float64 ≤ 1e-12.
/// </summary>
public class CharLanguageModelTorchAgreementTests(ITestOutputHelper output)
{
    private const int V = 5, H = 4, L = 2, T = 4, B = 2;

    public static TheoryData<string, int> Fixtures() => new() { { "onehot", 0 }, { "embedding", 3 } };

    private static Dictionary<string, double[]> Replay<TNum>(string name, int embedding, TorchFixture fixture)
        where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        var model =
            new CharLanguageModel<TNum>(new CharLanguageModelConfig(CellKind.Lstm, V, H, L, embedding),
            initialization: null);
        var file = SafetensorsFile.Read(fixture.Source);
        // the file also holds inputs and results
        model.Parameters.Load(file, new SafetensorsLoadOptions { Strict = false }, name);
        int[] inputs = [.. fixture["inputs"].Values.Select(v => (int)v)];
        int[] targets = [.. fixture["targets"].Values.Select(v => (int)v)];
        var logits = model.Forward(inputs, T, B, fixture.TensorOf<TNum>("h0"), fixture.TensorOf<TNum>("c0"));
        var dz = new Tensor<TNum>(T, B, V);
        model.Parameters.ZeroGradients();
        double loss = double.CreateChecked(model.Loss(targets, fixture.TensorOf<TNum>("mask").Reshape(T * B), dz));
        var result = new Dictionary<string, double[]>
        {
            ["logits"] = ToDouble(logits), ["h_n"] = ToDouble(model.FinalHidden), ["c_n"] =
                ToDouble(model.FinalCell!), ["loss"] = [loss],
        };
        model.Backward(dz);
        foreach (var p in model.Parameters.Parameters) result["grad." + p.Name] = ToDouble(p.Gradient);
        return result;
    }

    private void Agree<TNum>(string name, int embedding, double tolerance) where TNum : unmanaged,
        IFloatingPointIeee754<TNum>
    {
        var fixture = TorchFixture.Load("charlm", name + ".safetensors");
        var ours = Replay<TNum>(name, embedding, fixture);
        Assert.Equal(fixture.Names.Count(n => n.StartsWith("grad.", StringComparison.Ordinal)), ours.Keys.Count(n =>
            n.StartsWith("grad.", StringComparison.Ordinal)));
        var failures = new List<string>();
        double overall = 0;
        foreach (var (tensor, actual) in ours.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var expected = fixture[tensor].Values;
            Assert.Equal(expected.Length, actual.Length);
            double scale = expected.Max(Math.Abs), worst = 0;
            int at = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                double e = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), scale);
                if (double.IsNaN(e)) e = double.PositiveInfinity;
                if (e > worst) (worst, at) = (e, i);
            }
            overall = Math.Max(overall, worst);
            output.WriteLine($"{name} {typeof(TNum).Name} {tensor}: {worst:E2} at [{at}]");
            if (!(worst <= tolerance))
                failures.Add($"{tensor}: {worst:E2} at [{at}] (expected {expected[at]:R}, got {actual[at]:R})");
        }
        output.WriteLine($"{name} {typeof(TNum).Name} worst: {overall:E2}");
        Assert.True(failures.Count == 0,
            $"{name} in {typeof(TNum).Name} disagrees with PyTorch beyond {tolerance:E0}: "
            + string.Join("; ", failures));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Float32_AgreesWithPyTorch_Within1e5(string name, int embedding) => Agree<float>(name, embedding, 1e-5);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Float64_AgreesWithPyTorch_Within1e12(string name, int embedding) =>
        Agree<double>(name, embedding, 1e-12);

    /// <summary>The model declares exactly the state_dict of PyTorch's module, same shapes.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ParameterNames_AreThePyTorchStateDict(string name, int embedding)
    {
        var fixture = TorchFixture.Load("charlm", name + ".safetensors");
        var model = new CharLanguageModel<double>(new CharLanguageModelConfig(CellKind.Lstm, V, H, L, embedding), null);
        var theirs = fixture.Names.Where(n => n.StartsWith("grad.", StringComparison.Ordinal)).Select(n =>
            n["grad.".Length..]).Order(StringComparer.Ordinal);
        Assert.Equal(theirs, model.Parameters.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var p in model.Parameters.Parameters) Assert.Equal(fixture[p.Name].Shape, p.Shape);
    }

    private static double[] ToDouble<TNum>(Tensor<TNum> t) where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        var result = new double[t.Length];
        for (int i = 0; i < result.Length; i++) result[i] = double.CreateChecked(t.Span[i]);
        return result;
    }
}
