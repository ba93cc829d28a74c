namespace Recurrent.Tests.Backends;

using System.Numerics;
using Recurrent.Backends.Cpu;

/// <summary>
/// One GEMM problem checked against <see cref="ReferenceGemm"/>: random operands stored with leading dimensions
/// padded by <see cref="Pad"/>, C pre-filled (NaN when β = 0, to prove it is overwritten), and padding sentinels that
/// must survive untouched.
/// </summary>
/// <remarks>
/// Tolerance: the two kernels sum the same k products in different orders, so each result may differ by up to
/// about 2·(k + 2)·ε·S, with ε the machine epsilon of T and S = |α|·‖row i of op(A)‖·‖column j of op(B)‖ + |β|·|c_ij|
/// (Cauchy–Schwarz bounds Σ|a||b| by the norms). A dropped or doubled term is larger than that, so bugs show.
/// </remarks>
internal sealed record GemmCase(bool TransA, bool TransB, int M, int N, int K, double Alpha, double Beta, int Pad = 0)
{
    private const double Sentinel = 999.0; // exact in Half, float and double

    /// <summary>
    /// Runs the fast GEMM (the portable kernel when asked, or the kernels of <paramref name="instructionSet"/>, by
    /// default those the process uses; with B packed beforehand in a <see cref="PackedMatrix{T}"/>
    /// when <paramref name="prepacked"/>) and the reference, and fails with the worst element.
    /// </summary>
    public void AssertMatchesReference<T>(int seed, bool portable = false, bool prepacked = false,
        CpuInstructionSet? instructionSet = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CpuInstructionSet set = portable ? CpuInstructionSet.Portable : instructionSet ?? CpuBackend.InstructionSet;
        var random = new Random(seed);
        int aRows = TransA ? K : M, aCols = TransA ? M : K, bRows = TransB ? N : K, bCols = TransB ? K : N;
        int lda = aCols + Pad, ldb = bCols + Pad, ldc = N + Pad;
        T[] a = Matrix<T>(random, aRows, lda, aCols), b = Matrix<T>(random, bRows, ldb, bCols);
        T[] c = Matrix<T>(random, M, ldc, N);
        if (Beta == 0)
            for (int i = 0; i < M; i++) c.AsSpan(i * ldc, N).Fill(T.NaN);
        T[] expected = (T[])c.Clone();
        T alpha = T.CreateChecked(Alpha), beta = T.CreateChecked(Beta);

        if (prepacked)
        {
            var packed = new PackedMatrix<T>();
            packed.Pack(TransB, K, N, b, ldb, set);
            Gemm.Multiply(TransA, M, alpha, a, lda, packed, beta, c, ldc);
        }
        else Gemm.Multiply(TransA, TransB, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc, set);
        ReferenceGemm.Multiply(TransA, TransB, M, N, K, alpha, a, lda, b, ldb, beta, expected, ldc);

        double epsilon = double.CreateChecked(MachineEpsilon<T>());
        double[] rowNorms = Norms(a, TransA, M, K, lda), columnNorms = Norms(b, !TransB, N, K, ldb);
        double worst = -1, worstRatio = 0;
        (int Row, int Col) at = (-1, -1);
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < ldc && i * ldc + j < c.Length; j++)
            {
                double got = double.CreateChecked(c[i * ldc + j]), want = double.CreateChecked(expected[i * ldc + j]);
                if (j >= N)
                {
                    Assert.True(got == Sentinel, $"{this}: padding of C at ({i},{j}) was overwritten with {got}");
                    continue;
                }
                double magnitude = Math.Abs(Alpha) * rowNorms[i] * columnNorms[j]
                    + (Beta == 0 ? 0 : Math.Abs(Beta * want));
                double tolerance = 2 * (K + 2) * epsilon * magnitude + double.Epsilon;
                double diff = double.IsFinite(got) ? Math.Abs(got - want) : double.PositiveInfinity;
                if (diff / tolerance > worstRatio || worst < 0) (worst, worstRatio, at)
                    = (diff, diff / tolerance, (i, j));
            }
        }
        Assert.True(worstRatio <= 1,
            $"{this} ({typeof(T).Name}, {set}{(prepacked ? ", prepacked" : "")}): largest " +
            "difference " +
            $"{worst:G3} at ({at.Row},{at.Col}) is {worstRatio:G3}× the tolerance");
    }

    private static T MachineEpsilon<T>() where T : unmanaged, IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;

    // Row-major rows × ld values: the used rows × cols uniform in [-1, 1), the padding set to a sentinel.
    private static T[] Matrix<T>(Random random, int rows, int ld, int cols) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        var values = new T[rows * ld];
        for (int i = 0; i < values.Length; i++)
            values[i] = i % ld < cols ? T.CreateChecked(random.NextDouble() * 2 - 1) : T.CreateChecked(Sentinel);
        return values;
    }

    // Euclidean norms of the `count` length-k vectors of x: stored rows when not transposed, stored columns when
    // transposed.
    private static double[] Norms<T>(T[] x, bool columns, int count, int k, int ld) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        var norms = new double[count];
        for (int v = 0; v < count; v++)
        {
            double sum = 0;
            for (int p = 0; p < k; p++)
            {
                double value = double.CreateChecked(columns ? x[p * ld + v] : x[v * ld + p]);
                sum += value * value;
            }
            norms[v] = Math.Sqrt(sum);
        }
        return norms;
    }
}
