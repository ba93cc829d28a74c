using Recurrent.Parameters;
using Recurrent.Tests.Optimizers;

namespace Recurrent.Tests.Parameters;

/// <summary>Orthogonal and identity initialisers produce the matrices they promise.</summary>
public class StructuredInitializerTests
{
    /// <summary>Largest |(AᵀA or AAᵀ) − expected·I| entry and where, for the row-major rows×cols matrix A.</summary>
    private static (double Largest, int I, int J) GramDeviation(double[] a, int rows, int cols, bool columns,
        double expected)
    {
        int k = columns ? cols : rows, inner = columns ? rows : cols;
        (double largest, int bi, int bj) = (0, -1, -1);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double dot = 0;
                for (int r = 0; r < inner; r++)
                    dot += columns ? a[r * cols + i] * a[r * cols + j] : a[i * cols + r] * a[j * cols + r];
                double d = Math.Abs(dot - (i == j ? expected : 0));
                if (d > largest) (largest, bi, bj) = (d, i, j);
            }
        return (largest, bi, bj);
    }

    [Theory]
    [InlineData(64, 64, 1.0)]
    [InlineData(100, 30, 1.0)]
    [InlineData(30, 100, 1.0)]
    [InlineData(48, 48, 2.0)]
    [InlineData(20, 80, 0.5)]
    public void Orthogonal_Double_GramIsGainSquaredIdentity(int rows, int cols, double gain)
    {
        var w = new double[rows * cols];
        new OrthogonalInitializer(gain).Fill<double>(w, [rows, cols], new Random(9));
        bool tall = rows >= cols; // columns orthonormal when tall (WᵀW = I), rows when wide (WWᵀ = I)
        var (largest, i, j) = GramDeviation(w, rows, cols, columns: tall, expected: gain * gain);
        Assert.True(largest <= 1e-10,
            $"{rows}×{cols}, gain {gain}: largest deviation of {(tall ? "WᵀW" : "WWᵀ")} from {gain * gain}·I is " +
            $"{largest:G3} at ({i}, {j})");
    }

    [Fact]
    public void Orthogonal_Float_GramIsIdentityWithinFloatRounding()
    {
        var w = new float[128 * 128];
        new OrthogonalInitializer().Fill<float>(w, [128, 128], new Random(4));
        var (largest, i, j) = GramDeviation(w.Select(x => (double)x).ToArray(), 128, 128, columns: true, expected: 1);
        Assert.True(largest <= 1e-5, $"float 128×128: largest deviation of WᵀW from I is {largest:G3} at ({i}, {j})");
    }

    [Fact]
    public void Orthogonal_HigherRank_FlattensTrailingDimensions()
    {
        var w = new double[10 * 4 * 6]; // rows 10, cols 24: wide, so WWᵀ = I
        new OrthogonalInitializer().Fill<double>(w, [10, 4, 6], new Random(2));
        var (largest, i, j) = GramDeviation(w, 10, 24, columns: false, expected: 1);
        Assert.True(largest <= 1e-10, $"(10, 4, 6): largest deviation of WWᵀ from I is {largest:G3} at ({i}, {j})");
    }

    [Theory]
    [InlineData(40, 15)]
    [InlineData(15, 40)]
    public void Orthogonal_IsTheQOfTheSeededGaussianWithPositiveDiagonalR(int rows, int cols)
    {
        // Independent check of the factorisation and torch's sign convention: redraw the same Gaussian A from the
        // seed (row-major rows×cols), form R = QᵀA (tall) or R = QᵀAᵀ (wide) and require it upper triangular
        // with a positive diagonal, which makes Q the unique sign-corrected factor.
        var w = new double[rows * cols];
        new OrthogonalInitializer().Fill<double>(w, [rows, cols], new Random(21));
        var rng = new Random(21);
        var a = Enumerable.Range(0, rows * cols).Select(_ => rng.NextGaussian()).ToArray();

        bool tall = rows >= cols;
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);
        double Q(int i, int k) => tall ? w[i * cols + k] : w[k * cols + i];          // m×n
        double A(int i, int k) => tall ? a[i * cols + k] : a[k * cols + i];          // m×n
        (double worstBelow, double smallestDiagonal) = (0, double.PositiveInfinity);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                double value = 0;
                for (int i = 0; i < m; i++) value += Q(i, r) * A(i, c);
                if (r > c) worstBelow = Math.Max(worstBelow, Math.Abs(value));
                if (r == c) smallestDiagonal = Math.Min(smallestDiagonal, value);
            }
        Assert.True(worstBelow <= 1e-10, $"{rows}×{cols}: R = QᵀA has {worstBelow:G3} below its diagonal");
        Assert.True(smallestDiagonal > 0, $"{rows}×{cols}: diag(R) has a non-positive entry {smallestDiagonal}");
    }

    [Theory]
    [InlineData(5, 5, 1.0)]
    [InlineData(3, 6, 0.5)]
    [InlineData(6, 3, 2.0)]
    public void Identity_IsGainOnTheDiagonalZeroElsewhere(int rows, int cols, double gain)
    {
        var w = Enumerable.Repeat(9.0, rows * cols).ToArray(); // stale contents must be overwritten
        new IdentityInitializer(gain).Fill<double>(w, [rows, cols], new Random(1));
        var expected = new double[rows * cols];
        for (int i = 0; i < Math.Min(rows, cols); i++) expected[i * cols + i] = gain;
        NumericAssert.Close(expected, w, 0, 1, $"identity {rows}×{cols} gain {gain}");
    }

    [Fact]
    public void Identity_RankThree_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new IdentityInitializer().Fill<float>(new float[8], [2, 2, 2], new Random(1)));
        Assert.Contains("(2, 2, 2)", e.Message);
    }

    [Fact]
    public void ParameterSet_Initialize_UsesTheNewInitializersReproducibly()
    {
        ParameterSet<float> Build()
        {
            var set = new ParameterSet<float>();
            set.Add("weight_ih_l0", [12, 4], new GlorotUniformInitializer());
            set.Add("weight_hh_l0", [12, 12], new OrthogonalInitializer());
            set.Add("bias_ih_l0", [12], ConstantInitializer.Zeros);
            set.Initialize(new Random(123));
            return set;
        }
        var a = Build().Values.ToArray().Select(x => (double)x).ToArray();
        var b = Build().Values.ToArray().Select(x => (double)x).ToArray();
        NumericAssert.Close(a, b, 0, 1, "two models from seed 123");
    }
}
