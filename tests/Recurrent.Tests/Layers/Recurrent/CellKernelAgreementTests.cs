using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// Each cell's fast float kernel (LstmGates, GruGates, TanhRows in Backends/Cpu) against the cell's own generic
/// reference (ForwardReference, BackwardReference, the code the float64 gradient checks prove), one step on the same
/// weights and buffers, for every H from 1 to 41 so every vector tail is hit, batch 3, with saturated gates.
/// Tolerance: 2e-6 relative to 1 + |value| forward (the kernels' σ and tanh are a rational fit within 3.2e-7 of the
/// exact functions, the reference uses System.Numerics.Tensors'), 1e-5 backward (the same differences after a product
/// with W_hh over H terms). The kernels written over their own cache must give the bits of a separate output.
/// </summary>
public class CellKernelAgreementTests
{
    private const int Batch = 3, InputWidth = 3;

    public static TheoryData<string> Cells() => new() { "lstm", "gru", "rnn" };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Forward_KernelMatchesTheCellsReference_ForEveryWidth(string kind)
    {
        for (int hs = 1; hs <= 41; hs++)
        {
            var (cell, rng) = Create(kind, hs);
            var (cache, hPrev, cPrev) = Inputs(cell, rng);
            var kernel = Forward(cell, cache, hPrev, cPrev, reference: false);
            var reference = Forward(cell, cache, hPrev, cPrev, reference: true);
            AssertClose(reference.Cache, kernel.Cache, 2e-6, $"{kind} cache, H = {hs}");
            AssertClose(reference.H, kernel.H, 2e-6, $"{kind} h, H = {hs}");
            AssertClose(reference.C, kernel.C, 2e-6, $"{kind} c, H = {hs}");
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Backward_KernelMatchesTheCellsReference_AndInPlaceKeepsTheBits(string kind)
    {
        for (int hs = 1; hs <= 41; hs++)
        {
            var (cell, rng) = Create(kind, hs);
            var (xp, hPrev, cPrev) = Inputs(cell, rng);
            var forward = Forward(cell, xp, hPrev, cPrev, reference: false);
            float[] dh = Draw(rng, Batch * hs, 2), dc = cell.HasCellState ? Draw(rng, Batch * hs, 2) : [];
            var kernel = Backward(cell, forward, hPrev, cPrev, dh, dc, reference: false, inPlace: true);
            var separate = Backward(cell, forward, hPrev, cPrev, dh, dc, reference: false, inPlace: false);
            var reference = Backward(cell, forward, hPrev, cPrev, dh, dc, reference: true, inPlace: true);
            // columns backward writes
            int written = cell.HasSeparateRecurrentGradient ? cell.CacheWidth : cell.GateWidth;
            AssertClose(Columns(reference.Gradients, cell, written), Columns(kernel.Gradients, cell, written), 1e-5,
                $"{kind} gradients, H = {hs}");
            AssertClose(reference.DhPrev, kernel.DhPrev, 1e-5, $"{kind} dh_prev, H = {hs}");
            AssertClose(reference.DcPrev, kernel.DcPrev, 1e-5, $"{kind} dc_prev, H = {hs}");
            Assert.Equal(Bits(Columns(separate.Gradients, cell, written)), Bits(Columns(kernel.Gradients, cell,
                written)));
            Assert.Equal(Bits(separate.DhPrev), Bits(kernel.DhPrev));
        }
    }

    private static (RecurrentCell<float> Cell, Random Rng) Create(string kind, int hs)
    {
        var parameters = new ParameterSet<float>();
        RecurrentCell<float> cell = kind switch
        {
            "lstm" => new LstmCell<float>(parameters, InputWidth, hs),
            "gru" => new GruCell<float>(parameters, InputWidth, hs),
            _ => new RnnCell<float>(parameters, InputWidth, hs),
        };
        var rng = new Random(100 + hs);
        parameters.Initialize(rng);
        return (cell, rng);
    }

    /// <summary>xp in the cache's gate columns (with one saturated pre-activation each way), h_{t−1},
    /// c_{t−1}.</summary>
    private static (float[] Cache, float[] HPrev, float[] CPrev) Inputs(RecurrentCell<float> cell, Random rng)
    {
        int hs = cell.HiddenSize, k = cell.CacheWidth;
        var cache = new float[Batch * k];
        for (int b = 0; b < Batch; b++) Draw(rng, cell.GateWidth, 6).CopyTo(cache, b * k);
        cache[0] = 90;  // e^{±x} over- or underflows: the gate must still be exactly 0 or 1
        cache[k + cell.GateWidth - 1] = -90;
        return (cache, Draw(rng, Batch * hs, 1), cell.HasCellState ? Draw(rng, Batch * hs, 2) : []);
    }

    private sealed record Result(float[] Cache, float[] H, float[] C, float[] Gradients, float[] DhPrev,
        float[] DcPrev);

    private static Result Forward(RecurrentCell<float> cell, float[] xp, float[] hPrev, float[] cPrev, bool reference)
    {
        int n = Batch * cell.HiddenSize;
        float[] cache = (float[])xp.Clone(), h = new float[n], c = new float[cPrev.Length];
        var step = new RecurrentStep<float>
        {
            Batch = Batch, Cache = cache, H = h, C = c, HPrev = hPrev, CPrev = cPrev,
                Scratch = new float[Batch * cell.ScratchWidth],
        };
        if (reference) ForwardReference(cell, step);
        else cell.Forward(step);
        return new Result(cache, h, c, [], [], []);
    }

    private static Result Backward(RecurrentCell<float> cell, Result forward, float[] hPrev, float[] cPrev, float[] dh,
        float[] dc,
        bool reference, bool inPlace)
    {
        int n = Batch * cell.HiddenSize;
        float[] cache = (float[])forward.Cache.Clone(), gradients = inPlace ? cache : new float[cache.Length];
        float[] dhPrev = new float[n], dcPrev = new float[cPrev.Length];
        var step = new RecurrentStep<float>
        {
            Batch = Batch, Cache = cache, Gradients = gradients, HPrev = hPrev, CPrev = cPrev, C = forward.C, Dh = dh,
                Dc = dc,
            DhPrev = dhPrev, DcPrev = dcPrev, Scratch = new float[Batch * cell.ScratchWidth],
        };
        if (reference) BackwardReference(cell, step);
        else cell.Backward(step);
        return new Result(cache, [], [], gradients, dhPrev, dcPrev);
    }

    private static void ForwardReference(RecurrentCell<float> cell, in RecurrentStep<float> step)
    {
        switch (cell)
        {
            case LstmCell<float> lstm: lstm.ForwardReference(step); break;
            case GruCell<float> gru: gru.ForwardReference(step); break;
            case RnnCell<float> rnn: rnn.ForwardReference(step); break;
        }
    }

    private static void BackwardReference(RecurrentCell<float> cell, in RecurrentStep<float> step)
    {
        switch (cell)
        {
            case LstmCell<float> lstm: lstm.BackwardReference(step); break;
            case GruCell<float> gru: gru.BackwardReference(step); break;
            case RnnCell<float> rnn: rnn.BackwardReference(step); break;
        }
    }

    /// <summary>The first <paramref name="width"/> columns of every (B, K) row.</summary>
    private static float[] Columns(float[] rows, RecurrentCell<float> cell, int width) =>
        [.. Enumerable.Range(0, Batch).SelectMany(b => rows.Skip(b * cell.CacheWidth).Take(width))];

    private static float[] Draw(Random rng, int n, double scale) =>
        [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale))];

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    private static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        int worst = 0;
        double largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]) / (1 + Math.Abs(expected[i]));
            if (!(d <= largest)) (largest, worst) = (d, i);
        }
        if (largest > tolerance)
            Assert.Fail($"{what}: largest relative difference {largest:E2} at {worst} ({expected[worst]} vs " +
                $"{actual[worst]})");
    }
}
