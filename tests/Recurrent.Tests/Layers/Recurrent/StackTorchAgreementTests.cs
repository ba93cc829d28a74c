using System.Numerics;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Parameters.Serialization;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using Xunit.Abstractions;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// Our 2-layer bidirectional stacks replay PyTorch's reference runs (tools/reference/rnn_fixtures.py) on a masked
/// batch: weights loaded by name through the safetensors path, then output, h_n, c_n, loss and every gradient compared.
/// Agreement measure, per tensor: err = max_i |a_i − b_i| / max(|b_i|, s) with s = max_i |b_i| over that tensor, i.e.
/// relative to each element where it is as large as the tensor's largest entry, and relative to that largest entry
/// for smaller ones (float32 cannot resolve an element more finely than the sums it comes from). float32 must reach
/// 1e-5, float64 1e-12.
/// </summary>
public class StackTorchAgreementTests(ITestOutputHelper output)
{
    private const int T = 5, B = 3, I = 3, H = 4, L = 2;

    public static TheoryData<string> Models() => new("rnn", "lstm", "gru");

    private static string FixturePath(string model) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "rnn",
        model + ".safetensors");

    private static CellKind Kind(string model) => model switch { "lstm" => CellKind.Lstm, "gru" => CellKind.Gru,
        _ => CellKind.Rnn };

    /// <summary>Builds the stack, loads PyTorch's weights by name, runs forward and backward; returns every tensor to
    /// compare.</summary>
    private static Dictionary<string, double[]> Replay<TNum>(string model, TorchFixture fixture) where TNum : unmanaged,
        IFloatingPointIeee754<TNum>
    {
        var parameters = new ParameterSet<TNum>();
        var stack = new RecurrentStack<TNum>(parameters, new RecurrentStackOptions(Kind(model), I, H, L,
            Bidirectional: true));
        // Not strict: the file also holds inputs and results; AllowMissing stays false, so every parameter must be
        // found.
        parameters.Load(SafetensorsFile.Read(FixturePath(model)), new SafetensorsLoadOptions { Strict = false }, model);
        int[] lengths = [.. fixture["lengths"].Values.Select(v => (int)v)];
        bool lstm = model == "lstm";
        var x = fixture.TensorOf<TNum>("input");
        var y = stack.Forward(x, lengths, fixture.TensorOf<TNum>("h0"), lstm ? fixture.TensorOf<TNum>("c0") : null);
        var r = fixture.TensorOf<TNum>("R");
        var rh = fixture.TensorOf<TNum>("Rh");
        var rc = lstm ? fixture.TensorOf<TNum>("Rc") : null;
        double loss = Dot(y, r) + Dot(stack.FinalHidden, rh) + (lstm ? Dot(stack.FinalCell!, rc!) : 0);
        var result = new Dictionary<string, double[]>
        {
            ["output"] = ToDouble(y), ["h_n"] = ToDouble(stack.FinalHidden), ["loss"] = [loss],
        };
        if (lstm) result["c_n"] = ToDouble(stack.FinalCell!);
        parameters.ZeroGradients();
        var dx = stack.Backward(r, rh, rc); // ∂loss/∂output = R, ∂loss/∂h_n = Rh, ∂loss/∂c_n = Rc
        result["grad.input"] = ToDouble(dx);
        result["grad.h0"] = ToDouble(stack.InitialHiddenGradient);
        if (lstm) result["grad.c0"] = ToDouble(stack.InitialCellGradient!);
        foreach (var p in parameters.Parameters) result["grad." + p.Name] = ToDouble(p.Gradient);
        return result;
    }

    /// <summary>max_i |a_i − b_i| / max(|b_i|, max_j |b_j|), and where.</summary>
    private static (double Error, int At) Relative(double[] actual, double[] expected)
    {
        double scale = expected.Max(Math.Abs), worst = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), scale);
            if (double.IsNaN(e)) e = double.PositiveInfinity;
            if (e > worst) (worst, at) = (e, i);
        }
        return (worst, at);
    }

    private void Agree<TNum>(string model, double tolerance) where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        var fixture = TorchFixture.Load("rnn", model + ".safetensors");
        var ours = Replay<TNum>(model, fixture);
        var failures = new List<string>();
        double overall = 0;
        foreach (var (name, actual) in ours.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var expected = fixture[name].Values;
            Assert.Equal(expected.Length, actual.Length);
            var (error, at) = Relative(actual, expected);
            overall = Math.Max(overall, error);
            // no floor, for the record
            double elementwise = actual.Zip(expected, (a, b) => a == b ? 0 : Math.Abs(a - b) / Math.Abs(b)).Max();
            output.WriteLine($"{model} {typeof(TNum).Name} {name}: {error:E2} at [{at}] (element-wise without floor " +
                $"{elementwise:E2})");
            if (!(error <= tolerance))
                failures.Add($"{name}: {error:E2} at [{at}] (expected {expected[at]:R}, got {actual[at]:R})");
        }
        output.WriteLine($"{model} {typeof(TNum).Name} worst: {overall:E2}");
        Assert.True(failures.Count == 0,
            $"{model} in {typeof(TNum).Name} disagrees with PyTorch beyond {tolerance:E0}: " + string.Join("; ",
            failures));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Float32_AgreesWithPyTorch_Within1e5(string model) => Agree<float>(model, 1e-5);

    [Theory]
    [MemberData(nameof(Models))]
    public void Float64_AgreesWithPyTorch_Within1e12(string model) => Agree<double>(model, 1e-12);

    /// <summary>Our names are PyTorch's: every parameter the stack declares is in the fixture, and every grad.* there
    /// is ours.</summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void ParameterNames_AreExactlyPyTorchs(string model)
    {
        var fixture = TorchFixture.Load("rnn", model + ".safetensors");
        var parameters = new ParameterSet<double>();
        _ = new RecurrentStack<double>(parameters, new RecurrentStackOptions(Kind(model), I, H, L,
            Bidirectional: true));
        var ours = parameters.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        var theirs = fixture.Names.Where(n => n.StartsWith("grad.", StringComparison.Ordinal) && n.Contains("_l",
            StringComparison.Ordinal))
            .Select(n => n["grad.".Length..]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(theirs, ours);
        foreach (var p in parameters.Parameters) Assert.Equal(fixture[p.Name].Shape, p.Shape);
    }

    private static double Dot<TNum>(Tensor<TNum> a, Tensor<TNum> b) where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += double.CreateChecked(a.Span[i]) * double.CreateChecked(b.Span[i]);
        return sum;
    }

    private static double[] ToDouble<TNum>(Tensor<TNum> t) where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        var result = new double[t.Length];
        for (int i = 0; i < result.Length; i++) result[i] = double.CreateChecked(t.Span[i]);
        return result;
    }
}
