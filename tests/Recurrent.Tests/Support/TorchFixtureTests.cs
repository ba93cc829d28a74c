namespace Recurrent.Tests.Support;

/// <summary>
/// The recurrent reference runs (tools/reference/rnn_fixtures.py) load, hold every tensor the layer tests need with
/// the shapes PyTorch uses, and agree with themselves: padding is inert, the final states are the last real outputs,
/// and the loss is the documented formula. These checks need no layer, so a broken fixture fails here, not there.
/// </summary>
public class TorchFixtureTests
{
    private const int T = 5, B = 3, I = 3, H = 4, L = 2, D = 2;
    private static readonly int[] Lengths = [5, 3, 2];

    public static TheoryData<string> Models() => new("rnn", "lstm", "gru");

    private static TorchFixture Load(string model) => TorchFixture.Load("rnn", model + ".safetensors");

    private static int Gates(string model) => model switch { "lstm" => 4, "gru" => 3, _ => 1 };

    /// <summary>Every name the fixture must hold, with its shape.</summary>
    private static Dictionary<string, int[]> ExpectedShapes(string model)
    {
        int g = Gates(model);
        var shapes = new Dictionary<string, int[]>();
        for (int layer = 0; layer < L; layer++)
        {
            foreach (var suffix in new[] { "", "_reverse" })
            {
                int input = layer == 0 ? I : D * H;
                shapes[$"weight_ih_l{layer}{suffix}"] = [g * H, input];
                shapes[$"weight_hh_l{layer}{suffix}"] = [g * H, H];
                shapes[$"bias_ih_l{layer}{suffix}"] = [g * H];
                shapes[$"bias_hh_l{layer}{suffix}"] = [g * H];
            }
        }
        foreach (var (name, shape) in shapes.ToList()) shapes["grad." + name] = shape;
        shapes["input"] = [T, B, I];
        shapes["grad.input"] = [T, B, I];
        shapes["lengths"] = [B];
        shapes["output"] = [T, B, D * H];
        shapes["R"] = [T, B, D * H];
        shapes["loss"] = [];
        var states = model == "lstm" ? new[] { "h0", "h_n", "Rh", "grad.h0", "c0", "c_n", "Rc", "grad.c0" }
            : ["h0", "h_n", "Rh", "grad.h0"];
        foreach (var name in states) shapes[name] = [L * D, B, H];
        return shapes;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Fixture_HoldsExactlyTheExpectedNamesAndShapes(string model)
    {
        var fixture = Load(model);
        var expected = ExpectedShapes(model);
        Assert.Equal(expected.Keys.Order(), fixture.Names.Order());
        foreach (var (name, shape) in expected)
            Assert.True(shape.SequenceEqual(fixture[name].Shape),
                $"{model}: {name} expected {ShapeText(shape)}, got {ShapeText(fixture[name].Shape)}");
        foreach (var key in new[] { "model", "layout", "mask", "loss", "torch" })
            Assert.True(fixture.Metadata.ContainsKey(key), $"{model}: metadata lacks '{key}'");
        Approx.Equal(Lengths.Select(n => (double)n).ToArray(), fixture["lengths"].Values, 0, "lengths");
        Assert.All(fixture.Names, name =>
            Assert.All(fixture[name].Values, v => Assert.True(double.IsFinite(v), $"{model}: {name} holds {v}")));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PaddedSteps_AreInert(string model)
    {
        var fixture = Load(model);
        for (int b = 0; b < B; b++)
        {
            for (int t = Lengths[b]; t < T; t++)
            {
                Approx.Equal(Enumerable.Repeat(7.0, I).ToArray(), Row(fixture["input"], t, b), 0,
                    $"{model}: input[{t}, {b}] (padding)");
                Approx.Equal(new double[D * H], Row(fixture["output"], t, b), 0,
                    $"{model}: output[{t}, {b}] (padding)");
                Approx.Equal(new double[D * H], Row(fixture["R"], t, b), 0, $"{model}: R[{t}, {b}] (padding)");
                Approx.Equal(new double[I], Row(fixture["grad.input"], t, b), 0,
                    $"{model}: grad.input[{t}, {b}] (padding)");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void FinalHiddenStates_AreTheLastLayersOutputsAtEachEnd(string model)
    {
        // Forward direction ends at each sequence's last real step; the reverse direction ends at step 0.
        var fixture = Load(model);
        var output = fixture["output"];
        var hn = fixture["h_n"];
        for (int b = 0; b < B; b++)
        {
            Approx.Equal(Row(hn, (L - 1) * D, b), Row(output, Lengths[b] - 1, b)[..H], 1e-15,
                $"{model}: forward h_n vs output[{Lengths[b] - 1}, {b}]");
            Approx.Equal(Row(hn, (L - 1) * D + 1, b), Row(output, 0, b)[H..], 1e-15,
                $"{model}: reverse h_n vs output[0, {b}]");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Loss_IsTheDocumentedFormula(string model)
    {
        var fixture = Load(model);
        double loss = Dot(fixture["output"], fixture["R"]) + Dot(fixture["h_n"], fixture["Rh"]);
        if (model == "lstm") loss += Dot(fixture["c_n"], fixture["Rc"]);
        double stored = fixture["loss"].Values[0];
        Approx.Equal(stored, loss, 1e-12 * Math.Max(1, Math.Abs(stored)), $"{model}: loss");
    }

    /// <summary>Element [i, j, :] of a rank-3 tensor.</summary>
    private static double[] Row(TorchTensor tensor, int i, int j)
    {
        int last = tensor.Shape[2];
        return tensor.Values.AsSpan((i * tensor.Shape[1] + j) * last, last).ToArray();
    }

    private static double Dot(TorchTensor a, TorchTensor b)
    {
        Assert.Equal(a.Shape, b.Shape);
        double sum = 0;
        for (int i = 0; i < a.Values.Length; i++) sum += a.Values[i] * b.Values[i];
        return sum;
    }

    private static string ShapeText(int[] shape) => Recurrent.Tensors.ShapeText.Format(shape);
}
