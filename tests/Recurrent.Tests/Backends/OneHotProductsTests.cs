using Recurrent.Backends.Cpu;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tensors;

namespace Recurrent.Tests.Backends;

/// <summary>The one-hot gathers and scatters against the GEMM on the same operands, alone and inside a stack.</summary>
public class OneHotProductsTests
{
    [Fact]
    public void TryFindColumns_AcceptsOnlyRowsOfOneOneAmongZeros()
    {
        int[] columns = new int[3];
        Assert.True(OneHotProducts.TryFindColumns<float>([0, 1, 0, 1, 0, 0, 0, 0, 1], 3, 3, columns));
        Assert.Equal([1, 0, 2], columns);
        Assert.False(OneHotProducts.TryFindColumns<float>([0, 1, 0, 0, 0, 0], 2, 3, columns));    // a zero row
        Assert.False(OneHotProducts.TryFindColumns<float>([0, 1, 1], 1, 3, columns));             // two ones
        Assert.False(OneHotProducts.TryFindColumns<float>([0, 2, 0], 1, 3, columns));             // not one
        Assert.False(OneHotProducts.TryFindColumns<float>([0, 1, 0, 0.5f, 0, 0], 2, 3, columns)); // dense second row
    }

    /// <summary>
    /// The vectorised check against its scalar twin on rows of every width 1–41 (vector bodies and tails), each row
    /// one-hot or spoiled in one way: a second 1, a value other than 1, all zeros, NaN, or a −0 (which counts as zero),
    /// at every position; the verdict and the columns must agree.
    /// </summary>
    [Fact]
    public void TryFindColumns_MatchesReference_ForEveryWidthAndFlaw()
    {
        var rng = new Random(3);
        foreach (bool asDouble in new[] { false, true })
            for (int inputs = 1; inputs <= 41; inputs++)
                for (int trial = 0; trial < 60; trial++)
                {
                    int rows = 1 + rng.Next(4);
                    double[] x = new double[rows * inputs];
                    for (int r = 0; r < rows; r++) x[r * inputs + rng.Next(inputs)] = 1;
                    int at = rng.Next(x.Length);
                    switch (trial % 6)
                    {
                        case 1: x[at] = x[at] == 1 ? 0 : 1; break; // a second 1, or a row left without one
                        case 2: x[at] = 0.5; break;
                        case 3: x[at] = double.NaN; break;
                        case 4: if (x[at] == 0) x[at] = -0.0; break;
                        case 5: Array.Clear(x, (at / inputs) * inputs, inputs); break;
                    }
                    int[] c = new int[rows], cRef = new int[rows];
                    bool ok, okRef;
                    if (asDouble)
                        (ok, okRef) = (OneHotProducts.TryFindColumns<double>(x, rows, inputs, c),
                            OneHotProducts.TryFindColumnsReference<double>(x, rows, inputs, cRef));
                    else
                    {
                        float[] xf = [.. x.Select(v => (float)v)];
                        (ok, okRef) = (OneHotProducts.TryFindColumns<float>(xf, rows, inputs, c),
                            OneHotProducts.TryFindColumnsReference<float>(xf, rows, inputs, cRef));
                    }
                    Assert.True(ok == okRef,
                        $"{(asDouble ? "double" : "float")}, I = {inputs}, trial {trial}: vector says {ok}, scalar " +
                        $"{okRef}");
                    if (ok) Assert.Equal(cRef, c);
                }
    }

    [Theory]
    [InlineData(1, 1, 1, 0)]
    [InlineData(7, 5, 12, 0)]
    [InlineData(7, 5, 12, 3)]
    [InlineData(40, 65, 512, 0)]
    [InlineData(40, 65, 512, 128)]
    public void ProjectAndWeightGradient_MatchTheGemm(int rows, int inputs, int outputs, int padding)
    {
        // xp and dxp with leading dimension ld = GH + padding, as they lie in a recurrent layer's cache rows
        int ld = outputs + padding;
        var rng = new Random(rows + inputs + padding);
        float[] Random(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
        int[] columns = [.. Enumerable.Range(0, rows).Select(_ => rng.Next(inputs))];
        float[] x = new float[rows * inputs];
        for (int r = 0; r < rows; r++) x[r * inputs + columns[r]] = 1;
        float[] w = Random(outputs * inputs), bias = Random(rows * ld), dxp = Random(rows * ld),
            scratch = new float[inputs * outputs];

        foreach (bool accumulate in new[] { false, true })
        {
            float[] expected = (float[])bias.Clone(), actual = (float[])bias.Clone();
            ReferenceGemm.Multiply(false, true, rows, outputs, inputs, 1f, x, inputs, w, inputs, accumulate ? 1f
                : 0f, expected, ld);
            OneHotProducts.Project<float>(actual, ld, w, outputs, inputs, columns, scratch, accumulate);
            Close(expected, actual, $"projection, accumulate = {accumulate}, ld = {ld} (columns past GH untouched)");
        }
        float[] dwExpected = Random(outputs * inputs), dwActual = (float[])dwExpected.Clone();
        ReferenceGemm.Multiply(true, false, outputs, inputs, rows, 1f, dxp, ld, x, inputs, 1f, dwExpected, inputs);
        OneHotProducts.AccumulateWeightGradient<float>(dwActual, dxp, ld, outputs, inputs, columns, scratch);
        Close(dwExpected, dwActual, $"weight gradient, ld = {ld}");
    }

    /// <summary>
    /// Large enough to be split over the workers (rows for the projection, characters and then output rows for the
    /// gradient): the same bits on 1 and 2 threads, the fused bias equal to copying the bias and accumulating, and the
    /// gradient equal to the GEMM's to rounding.
    /// </summary>
    /// <summary>
    /// Inputs of at least 128 K values are checked a range of rows per thread: on 2,500 rows of 65 (an RNN 2×128 step's
    /// characters) the verdict and the columns must be the scalar twin's, on one thread and two, whichever row is
    /// spoiled (the first, either side of the split, the last) or none.
    /// </summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1249)]
    [InlineData(1250)]
    [InlineData(2499)]
    public void TryFindColumns_OnLargeInputs_SplitsAndMatchesReference(int spoiled)
    {
        const int rows = 2500, inputs = 65;
        Assert.True(OneHotJob<float>.SplitsCheck(rows, inputs), "this size is expected to be split");
        var rng = new Random(spoiled + 2);
        float[] x = new float[rows * inputs];
        for (int r = 0; r < rows; r++) x[r * inputs + rng.Next(inputs)] = 1;
        if (spoiled >= 0) x[spoiled * inputs + 7] += 1; // a second 1, or a 2
        int[] expected = new int[rows];
        bool expectedOk = OneHotProducts.TryFindColumnsReference<float>(x, rows, inputs, expected);
        Assert.Equal(spoiled < 0, expectedOk);
        IDisposable? limit = null; // this flow's own thread count, ended below
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                limit?.Dispose();
                limit = WorkerPool.Limit(threads);
                int[] columns = new int[rows];
                bool ok = OneHotProducts.TryFindColumns<float>(x, rows, inputs, columns);
                Assert.True(ok == expectedOk, $"{threads} thread(s), row {spoiled} spoiled: the check says {ok}");
                if (ok) Assert.Equal(expected, columns);
            }
        }
        finally
        {
            limit?.Dispose();
        }
    }

    [Fact]
    public void SplitOverThreads_GivesTheSameBits()
    {
        const int rows = 600, inputs = 65, outputs = 512, ld = 640;
        var rng = new Random(9);
        float[] Random(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
        int[] columns = [.. Enumerable.Range(0, rows).Select(_ => rng.Next(inputs))];
        float[] w = Random(outputs * inputs), bias = Random(outputs), dxp = Random(rows * ld),
            start = Random(outputs * inputs);
        (float[] Xp, float[] Dw) Run(int threads)
        {
            IDisposable? limit = null; // this flow's own thread count, ended below
            try
            {
                limit?.Dispose();
                limit = WorkerPool.Limit(threads);
                float[] xp = new float[rows * ld], dw = (float[])start.Clone(), scratch = new float[inputs * outputs];
                OneHotProducts.Project<float>(xp, ld, w, outputs, inputs, columns, scratch, false, bias);
                OneHotProducts.AccumulateWeightGradient<float>(dw, dxp, ld, outputs, inputs, columns, scratch);
                return (xp, dw);
            }
            finally
            {
                limit?.Dispose();
            }
        }
        var (xp1, dw1) = Run(1);
        var (xp2, dw2) = Run(2);
        Assert.Equal(xp1, xp2);
        Assert.Equal(dw1, dw2);
        float[] copied = new float[rows * ld];
        for (int r = 0; r < rows; r++) bias.CopyTo(copied, r * ld);
        OneHotProducts.Project<float>(copied, ld, w, outputs, inputs, columns, new float[inputs * outputs], true);
        Assert.Equal(copied, xp1);
        float[] x = new float[rows * inputs];
        for (int r = 0; r < rows; r++) x[r * inputs + columns[r]] = 1;
        float[] dwExpected = (float[])start.Clone();
        ReferenceGemm.Multiply(true, false, outputs, inputs, rows, 1f, dxp, ld, x, inputs, 1f, dwExpected, inputs);
        Close(dwExpected, dw1, "weight gradient on 1 thread");
    }

    [Fact]
    public void Project_RejectsALeadingDimensionNarrowerThanTheOutputs() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            OneHotProducts.Project<float>(new float[8], 3, new float[4], 4, 1, [0, 0], new float[4], false));

    /// <summary>
    /// A stack on one-hot x (gathers) against the same stack on 2x with W_ih⁰ halved (not one-hot: GEMMs). Both compute
    /// the same products exactly, so outputs and every gradient agree, dW_ih⁰ once the 2 is divided out.
    /// </summary>
    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Rnn)]
    public void Stack_OnOneHotInput_MatchesTheGemmPath(CellKind cell)
    {
        const int steps = 5, batch = 4, vocab = 9, hidden = 16;
        var options = new RecurrentStackOptions(cell, vocab, hidden, NumLayers: 2);
        var (pa, sa) = Build(options);
        var (pb, sb) = Build(options);
        var wb = pb["weight_ih_l0"].Value.Span;
        for (int i = 0; i < wb.Length; i++) wb[i] *= 0.5f;

        var rng = new Random(9);
        var x = new Tensor<float>(steps, batch, vocab);
        for (int r = 0; r < steps * batch; r++) x.Span[r * vocab + rng.Next(vocab)] = 1;
        var x2 = x.Clone();
        for (int i = 0; i < x2.Length; i++) x2.Span[i] *= 2;
        var g = new Tensor<float>(steps, batch, hidden);
        for (int i = 0; i < g.Length; i++) g.Span[i] = (float)(rng.NextDouble() * 2 - 1);

        Close(sb.Forward(x2).Span.ToArray(), sa.Forward(x).Span.ToArray(), "y");
        sa.Backward(g);
        sb.Backward(g);
        var dwb = pb["weight_ih_l0"].Gradient.Span;
        for (int i = 0; i < dwb.Length; i++) dwb[i] *= 0.5f; // dxpᵀ(2x) = 2·dxpᵀx
        Close(pb.Gradients.ToArray(), pa.Gradients.ToArray(), "parameter gradients");
    }

    private static (ParameterSet<float>, RecurrentStack<float>) Build(RecurrentStackOptions options)
    {
        var parameters = new ParameterSet<float>();
        var stack = new RecurrentStack<float>(parameters, options);
        parameters.Initialize(new Random(2));
        return (parameters, stack);
    }

    private static void Close(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        int worst = 0;
        double largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]) / (1 + Math.Abs(expected[i]));
            if (d > largest) (largest, worst) = (d, i);
        }
        Assert.True(largest < 1e-5,
            $"{what}: largest relative difference {largest:E2} at {worst} ({expected[worst]} vs {actual[worst]})");
    }
}
