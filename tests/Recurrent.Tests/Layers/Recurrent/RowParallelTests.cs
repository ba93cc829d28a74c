using System.Numerics;
using Recurrent.Backends.Cpu;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// The time loop over row ranges on several threads against the serial loop (WorkerPool.MaxThreads = 1, one range):
/// every cell form, float and double, variable lengths, a backward horizon, reverse layers, initial and final-state
/// gradients. Each row runs the same operations whatever the split (ranges start on the GEMM kernel's 6-row slivers,
/// so even the tiles are the same), so outputs and gradients must agree bit for bit; the step gradient norms are
/// summed per range and then combined, so they agree to rounding (relative 1e-12 in double, 1e-5 in float).
/// </summary>
public class RowParallelTests
{
    private const int Steps = 7, Batch = 26, Inputs = 5, Hidden = 20; // 26 rows: 2 ranges on 2 threads, 3 on 3

    public static TheoryData<string, bool, int?> Cases()
    {
        var data = new TheoryData<string, bool, int?>();
        foreach (string kind in new[] { "lstm", "lstm-peepholes", "gru", "gru-reset-before", "rnn" })
        {
            data.Add(kind, false, null);
            data.Add(kind, true, 3);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RowRanges_MatchSerialLoop_Double(string kind, bool reverse, int? horizon) => Compare<double>(kind,
        reverse, horizon, 1e-12);

    [Theory]
    [MemberData(nameof(Cases))]
    public void RowRanges_MatchSerialLoop_Float(string kind, bool reverse, int? horizon) => Compare<float>(kind,
        reverse, horizon, 1e-5);

    [Fact]
    public void Ranges_AreEvenAndCoverTheBatch()
    {
        Assert.Equal(2, RecurrentTimeLoop<float>.PartsFor(50, 2));
        Assert.Equal((0, 25), RecurrentTimeLoop<float>.RowRange(50, 2, 0));
        Assert.Equal((25, 50), RecurrentTimeLoop<float>.RowRange(50, 2, 1));
        Assert.Equal(1, RecurrentTimeLoop<float>.PartsFor(12, 2)); // too few rows to be worth a thread each
        Assert.Equal(1, RecurrentTimeLoop<float>.PartsFor(50, 1));
        foreach (int batch in new[] { 1, 5, 16, 26, 50, 61, 128 })
            for (int threads = 1; threads <= 8; threads++)
            {
                int parts = RecurrentTimeLoop<float>.PartsFor(batch, threads), next = 0;
                for (int part = 0; part < parts; part++)
                {
                    var (start, end) = RecurrentTimeLoop<float>.RowRange(batch, parts, part);
                    Assert.True(start == next && end - start >= batch / parts && end - start <= (batch + parts
                        - 1) / parts,
                        $"B = {batch}, {parts} parts: range {part} is [{start}, {end})");
                    next = end;
                }
                Assert.Equal(batch, next);
            }
    }

    [Fact]
    public void SecondPassOnRanges_AllocatesNothing()
    {
        IDisposable? limit = null; // this flow's own thread count, ended below
        try
        {
            limit?.Dispose();
            limit = WorkerPool.Limit(2);
            var parameters = new ParameterSet<float>();
            var layer = new RecurrentLayer<float>(new LstmCell<float>(parameters, Inputs, Hidden),
                new RecurrentLayerOptions(TruncationHorizon: 4, RecordStepGradientNorms: true));
            parameters.Initialize(new Random(1));
            var rng = new Random(2);
            var x = LayerCheck.Random(rng, Steps, Batch, Inputs).Convert<float>();
            var g = LayerCheck.Random(rng, Steps, Batch, Hidden).Convert<float>();
            layer.Forward(x);
            layer.Backward(g);
            long before = GC.GetAllocatedBytesForCurrentThread();
            layer.Forward(x);
            layer.Backward(g);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated == 0, $"a second Forward + Backward on row ranges allocated {allocated} bytes");
        }
        finally
        {
            limit?.Dispose();
        }
    }

    private static void Compare<T>(string kind, bool reverse, int? horizon, double normTolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IDisposable? limit = null; // this flow's own thread count, ended below
        try
        {
            limit?.Dispose();
            limit = WorkerPool.Limit(1);
            var serial = Run<T>(kind, reverse, horizon);
            foreach (int threads in new[] { 2, 3 })
            {
                limit?.Dispose();
                limit = WorkerPool.Limit(threads);
                var parallel = Run<T>(kind, reverse, horizon);
                for (int i = 0; i < serial.Length - 1; i++) Same(serial[i], parallel[i],
                    $"{kind}, {threads} threads: {Names[i]}");
                double[] a = serial[^1], b = parallel[^1];
                for (int s = 0; s < a.Length; s++)
                    Assert.True(Math.Abs(a[s] - b[s]) <= normTolerance * a[s],
                        $"{kind}, {threads} threads: ‖dh_{s}‖ is {b[s]:R} on ranges, {a[s]:R} serially");
            }
        }
        finally
        {
            limit?.Dispose();
        }
    }

    private static readonly string[] Names = ["y", "final h", "final c", "dx", "parameter gradients", "dh_0", "dc_0"];

    // Forward and backward on fixed random data; the results as doubles in the order of Names, then the step norms.
    private static double[][] Run<T>(string kind, bool reverse, int? horizon) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        var parameters = new ParameterSet<T>();
        RecurrentCell<T> cell = kind switch
        {
            "lstm" => new LstmCell<T>(parameters, Inputs, Hidden),
            "lstm-peepholes" => new LstmCell<T>(parameters, Inputs, Hidden, peepholes: true),
            "gru" => new GruCell<T>(parameters, Inputs, Hidden),
            "gru-reset-before" => new GruCell<T>(parameters, Inputs, Hidden, form: GruForm.ResetBeforeProduct),
            _ => new RnnCell<T>(parameters, Inputs, Hidden, Activation.Tanh),
        };
        parameters.Initialize(new Random(5));
        var layer = new RecurrentLayer<T>(cell, new RecurrentLayerOptions(reverse, horizon,
            RecordStepGradientNorms: true));
        var rng = new Random(6);
        var x = LayerCheck.Random(rng, Steps, Batch, Inputs).Convert<T>();
        var g = LayerCheck.Random(rng, Steps, Batch, Hidden).Convert<T>();
        int[] lengths = Enumerable.Range(0, Batch).Select(b => b % 3 == 0 ? Steps : rng.Next(Steps + 1)).ToArray();
        var initial = Random<T>(rng, layer.CreateState(Batch));
        var finalGradient = Random<T>(rng, layer.CreateState(Batch));

        var y = Doubles<T>(layer.Forward(x, lengths, initial).Span);
        var finalH = Doubles<T>(layer.FinalState.H.Span);
        var finalC = layer.FinalState.C is null ? [] : Doubles<T>(layer.FinalState.C.Span);
        var dx = Doubles<T>(layer.Backward(g, finalGradient).Span);
        var dh0 = Doubles<T>(layer.InitialStateGradient.H.Span);
        var dc0 = layer.InitialStateGradient.C is null ? [] : Doubles<T>(layer.InitialStateGradient.C.Span);
        return [y, finalH, finalC, dx, Doubles<T>(parameters.Gradients), dh0, dc0, layer.StepGradientNorms.ToArray()];
    }

    private static RecurrentState<T> Random<T>(Random rng, RecurrentState<T> state) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        LayerCheck.Random(rng, state.BatchSize, state.HiddenSize).Convert<T>().Span.CopyTo(state.H.Span);
        if (state.C is not null) LayerCheck.Random(rng, state.BatchSize,
            state.HiddenSize).Convert<T>().Span.CopyTo(state.C.Span);
        return state;
    }

    private static double[] Doubles<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = double.CreateChecked(values[i]);
        return result;
    }

    private static void Same(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(actual[i]),
                $"{what}: element {i} is {actual[i]:R} on ranges, {expected[i]:R} serially");
    }
}
