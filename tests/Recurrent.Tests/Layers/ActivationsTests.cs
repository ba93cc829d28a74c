using Recurrent.Diagnostics;
using Recurrent.Layers;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Layers;

public class ActivationsTests
{
    // no exact 0: kinks are tested on their own
    private static readonly double[] Z = [-3.0, -1.5, -0.7, -0.1, 0.2, 0.9, 2.5, 4.0];

    /// <summary>Independent scalar formulas, written straight from the definitions.</summary>
    private static double Scalar(Activation kind, double z, double parameter) => kind switch
    {
        Activation.Identity => z,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.Relu => Math.Max(z, 0),
        Activation.LeakyRelu => z > 0 ? z : parameter * z,
        Activation.Elu => z > 0 ? z : parameter * (Math.Exp(z) - 1),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData(Activation.Identity, 0.0)]
    [InlineData(Activation.Sigmoid, 0.0)]
    [InlineData(Activation.Tanh, 0.0)]
    [InlineData(Activation.Relu, 0.0)]
    [InlineData(Activation.LeakyRelu, 0.01)]
    [InlineData(Activation.LeakyRelu, 0.2)]
    [InlineData(Activation.Elu, 1.0)]
    [InlineData(Activation.Elu, 0.5)]
    public void Forward_MatchesScalarFormula(Activation kind, double parameter)
    {
        var a = new double[Z.Length];
        Activations.Forward<double>(kind, Z, a, Z.Length, parameter);
        Approx.Equal(Z.Select(z => Scalar(kind, z, parameter)).ToArray(), a, 1e-15, $"{kind} forward");
    }

    [Fact]
    public void Forward_ZeroParameter_SelectsDocumentedDefaults()
    {
        var leaky = new double[Z.Length];
        var elu = new double[Z.Length];
        Activations.Forward<double>(Activation.LeakyRelu, Z, leaky, Z.Length, 0);
        Activations.Forward<double>(Activation.Elu, Z, elu, Z.Length, 0);
        Approx.Equal(Z.Select(z =>
            Scalar(Activation.LeakyRelu, z, 0.01)).ToArray(), leaky, 1e-15, "leaky ReLU, slope 0.01");
        Approx.Equal(Z.Select(z => Scalar(Activation.Elu, z, 1.0)).ToArray(), elu, 1e-15, "ELU, α = 1");
    }

    [Fact]
    public void Softmax_Forward_MatchesFormulaPerRow()
    {
        double[] z = [0.5, -1, 2, 3, 0, -2]; // two rows of 3
        var a = new double[6];
        Activations.Forward<double>(Activation.Softmax, z, a, 3, 0);
        var expected = new double[6];
        for (int row = 0; row < 2; row++)
        {
            double sum = 0;
            for (int k = 0; k < 3; k++) sum += Math.Exp(z[3 * row + k]);
            for (int k = 0; k < 3; k++) expected[3 * row + k] = Math.Exp(z[3 * row + k]) / sum;
        }
        Approx.Equal(expected, a, 1e-15, "softmax");
    }

    [Fact]
    public void Softmax_LogitsNear1000_StayFiniteAndEqualShiftedLogits()
    {
        float[] large = [1000f, 1001f, 1002f], small = [0f, 1f, 2f];
        var a = new float[3];
        var b = new float[3];
        Activations.Forward<float>(Activation.Softmax, large, a, 3, 0);
        Activations.Forward<float>(Activation.Softmax, small, b, 3, 0);
        Assert.All(a, v => Assert.True(float.IsFinite(v)));
        Approx.Equal(b, a, 1e-7, "softmax(1000 + z) vs softmax(z)");
    }

    public static TheoryData<Activation, double> AllKinds() => new()
    {
        { Activation.Identity, 0 }, { Activation.Sigmoid, 0 }, { Activation.Tanh, 0 }, { Activation.Relu, 0 },
        { Activation.LeakyRelu, 0 }, { Activation.LeakyRelu, 0.3 }, { Activation.Elu, 0 }, { Activation.Elu, 0.7 },
        { Activation.Softmax, 0 },
    };

    /// <summary>Proves dZ = dA ⊙ f′(z) (softmax: its Jacobian) against central differences of C = Σ dA ⊙ f(z), rel.
    /// error ≤ 1e-6.</summary>
    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Backward_MatchesFiniteDifferences(Activation kind, double parameter)
    {
        const int rowLength = 4;
        var rng = new Random(7);
        var z = LayerCheck.AwayFromZero(rng, 3, rowLength);
        var dA = LayerCheck.Random(rng, 3, rowLength);
        var a = new double[z.Length];
        var dZ = new Tensor<double>(3, rowLength);
        double Cost()
        {
            Activations.Forward<double>(kind, z.Span, a, rowLength, parameter);
            return TensorPrimitives.Dot<double>(a, dA.Span);
        }
        Cost();
        Activations.Backward<double>(kind, z.Span, a, dA.Span, dZ.Span, rowLength, parameter);
        Approx.Passes(GradientChecker.CheckInput(z, Cost, dZ, new GradientCheckOptions(MaxEntriesPerParameter: 100)),
            1e-6);
    }

    [Fact]
    public void Backward_InPlaceOverDA_GivesTheSameResult()
    {
        var rng = new Random(3);
        foreach (var kind in Enum.GetValues<Activation>())
        {
            var z = LayerCheck.AwayFromZero(rng, 2, 5);
            var dA = LayerCheck.Random(rng, 2, 5);
            var a = new double[10];
            var separate = new double[10];
            Activations.Forward<double>(kind, z.Span, a, 5, 0);
            Activations.Backward<double>(kind, z.Span, a, dA.Span, separate, 5, 0);
            Activations.Backward<double>(kind, z.Span, a, dA.Span, dA.Span, 5, 0);
            Approx.Equal(separate, dA.Span, 1e-15, $"{kind} in-place backward");
        }
    }

    [Fact]
    public void Backward_AtKinks_UsesLeftDerivative()
    {
        double[] z = [0.0], a = new double[1], dA = [1.0], dZ = new double[1];
        Activations.Forward<double>(Activation.Relu, z, a, 1, 0);
        Activations.Backward<double>(Activation.Relu, z, a, dA, dZ, 1, 0);
        Approx.Equal(0.0, dZ[0], 0, "ReLU′(0)");
        Activations.Backward<double>(Activation.LeakyRelu, z, a, dA, dZ, 1, 0);
        Approx.Equal(0.01, dZ[0], 1e-17, "leaky ReLU′(0)");
        Activations.Forward<double>(Activation.Elu, z, a, 1, 0);
        Activations.Backward<double>(Activation.Elu, z, a, dA, dZ, 1, 0);
        Approx.Equal(1.0, dZ[0], 1e-17, "ELU′(0)");
    }

    [Fact]
    public void FloatAndDouble_AgreeWithinFloatTolerance()
    {
        foreach (var kind in Enum.GetValues<Activation>())
        {
            var rng = new Random(11);
            var z = LayerCheck.AwayFromZero(rng, 3, 4);
            var dA = LayerCheck.Random(rng, 3, 4);
            var (a, dZ) = (new double[12], new double[12]);
            Activations.Forward<double>(kind, z.Span, a, 4, 0);
            Activations.Backward<double>(kind, z.Span, a, dA.Span, dZ, 4, 0);
            var zf = z.Convert<float>();
            var dAf = dA.Convert<float>();
            var (af, dZf) = (new float[12], new float[12]);
            Activations.Forward<float>(kind, zf.Span, af, 4, 0);
            Activations.Backward<float>(kind, zf.Span, af, dAf.Span, dZf, 4, 0);
            Approx.Equal(a, af.Select(v => (double)v).ToArray(), 2e-6, $"{kind} forward float vs double");
            Approx.Equal(dZ, dZf.Select(v => (double)v).ToArray(), 2e-6, $"{kind} backward float vs double");
        }
    }

    [Theory]
    [InlineData("identity", Activation.Identity)]
    [InlineData("Linear", Activation.Identity)]
    [InlineData("SIGMOID", Activation.Sigmoid)]
    [InlineData("tanh", Activation.Tanh)]
    [InlineData("relu", Activation.Relu)]
    [InlineData("Leaky-ReLU", Activation.LeakyRelu)]
    [InlineData("elu", Activation.Elu)]
    [InlineData("softmax", Activation.Softmax)]
    public void Parse_AcceptsNamesIgnoringCase(string name, Activation expected) =>
        Assert.Equal(expected, Activations.Parse(name));

    [Fact]
    public void Parse_UnknownName_ListsTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Activations.Parse("swish"));
        Assert.StartsWith("unknown activation 'swish'; expected one of: identity, linear, sigmoid, tanh, relu, " +
            "leaky-relu, elu, softmax", e.Message);
    }

    [Fact]
    public void Softmax_LengthNotWholeRows_Throws()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Activations.Forward<double>(Activation.Softmax, new double[7], new double[7], 3, 0));
        Assert.Contains("7 elements", e.Message);
    }
}
