using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Recurrent.Backends.Cpu;

namespace Recurrent.Lab.Benchmarks;

/// <summary>
/// The machine's measured multiply-add peak at one vector width: each of <c>threads</c> threads runs a loop of 12
/// independent fused multiply-adds a round on registers (acc ← acc·x + y; no memory), 2 FLOP per lane each, and the
/// best of <see cref="Repeats"/> timed runs is reported. It is the ceiling a GEMM kernel of that width can reach on
/// this machine at this moment: `recurrent bench` and `bench gemm` print it beside the kernel that ran, so a fraction
/// of it reads the same on a quiet and a busy machine.
/// </summary>
/// <remarks>
/// 12 accumulators cover an FMA latency of 4 cycles on 2 pipes (8 in flight) with room. The portable width has no
/// fused operation: its loop multiplies and adds (2 FLOP per lane too), as the portable kernel does.
/// </remarks>
public static class FmaPeakBenchmark
{
    /// <summary>Timed runs; the fastest is reported (a peak, not a typical speed).</summary>
    public const int Repeats = 3;

    private static float _sink; // keeps the loops' results alive

    /// <summary>GFLOP/s of <paramref name="threads"/> threads each running multiply-adds at the width of
    /// <paramref name="instructionSet"/> for about <paramref name="seconds"/> a run.</summary>
    /// <exception cref="ArgumentException">An instruction set this CPU does not run.</exception>
    public static double Measure(CpuInstructionSet instructionSet, int threads, double seconds = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        if (instructionSet > CpuBackend.SupportedInstructionSet)
            throw new ArgumentException($"this CPU does not run {instructionSet}", nameof(instructionSet));
        int lanes = instructionSet switch
        {
            CpuInstructionSet.Avx512 => Vector512<float>.Count,
            CpuInstructionSet.Avx2 => Vector256<float>.Count,
            _ => Vector128<float>.Count,
        };
        // Calibrate on one thread: rounds that take about `seconds`.
        long rounds = 1 << 14;
        while (true)
        {
            var clock = Stopwatch.StartNew();
            Loop(instructionSet, rounds);
            if (clock.Elapsed.TotalSeconds >= seconds / 4 || rounds >= 1L << 40) break;
            rounds *= 4;
        }
        double best = 0;
        for (int repeat = 0; repeat < Repeats; repeat++)
        {
            var workers = new Thread[threads];
            using var start = new Barrier(threads + 1);
            for (int t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() =>
                {
                    start.SignalAndWait();
                    Loop(instructionSet, rounds);
                }) { IsBackground = true };
                workers[t].Start();
            }
            // The clock starts before the release: started after it, a main thread descheduled for a moment (two
            // workers on two cores) could miss the whole loop and report thousands of GFLOP/s.
            var clock = Stopwatch.StartNew();
            start.SignalAndWait();
            foreach (var worker in workers) worker.Join();
            double flops = 2.0 * 12 * lanes * rounds * threads;
            best = Math.Max(best, flops / clock.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    private static void Loop(CpuInstructionSet instructionSet, long rounds)
    {
        float result = instructionSet switch
        {
            CpuInstructionSet.Avx512 => Loop512(rounds),
            CpuInstructionSet.Avx2 => Loop256(rounds),
            _ => Loop128(rounds),
        };
        Volatile.Write(ref _sink, _sink + result);
    }

    // acc ← acc·x + y with x just below 1: the values settle near y / (1 − x) and never overflow or go subnormal.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Loop512(long rounds)
    {
        Vector512<float> x = Vector512.Create(0.999999f), y = Vector512.Create(1e-6f);
        Vector512<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x,
            a11 = x;
        for (long r = 0; r < rounds; r++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, x, y); a1 = Avx512F.FusedMultiplyAdd(a1, x, y);
            a2 = Avx512F.FusedMultiplyAdd(a2, x, y); a3 = Avx512F.FusedMultiplyAdd(a3, x, y);
            a4 = Avx512F.FusedMultiplyAdd(a4, x, y); a5 = Avx512F.FusedMultiplyAdd(a5, x, y);
            a6 = Avx512F.FusedMultiplyAdd(a6, x, y); a7 = Avx512F.FusedMultiplyAdd(a7, x, y);
            a8 = Avx512F.FusedMultiplyAdd(a8, x, y); a9 = Avx512F.FusedMultiplyAdd(a9, x, y);
            a10 = Avx512F.FusedMultiplyAdd(a10, x, y); a11 = Avx512F.FusedMultiplyAdd(a11, x, y);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Loop256(long rounds)
    {
        Vector256<float> x = Vector256.Create(0.999999f), y = Vector256.Create(1e-6f);
        Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x,
            a11 = x;
        for (long r = 0; r < rounds; r++)
        {
            a0 = Fma.MultiplyAdd(a0, x, y); a1 = Fma.MultiplyAdd(a1, x, y); a2 = Fma.MultiplyAdd(a2, x, y);
            a3 = Fma.MultiplyAdd(a3, x, y); a4 = Fma.MultiplyAdd(a4, x, y); a5 = Fma.MultiplyAdd(a5, x, y);
            a6 = Fma.MultiplyAdd(a6, x, y); a7 = Fma.MultiplyAdd(a7, x, y); a8 = Fma.MultiplyAdd(a8, x, y);
            a9 = Fma.MultiplyAdd(a9, x, y); a10 = Fma.MultiplyAdd(a10, x, y); a11 = Fma.MultiplyAdd(a11, x, y);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Loop128(long rounds)
    {
        Vector128<float> x = Vector128.Create(0.999999f), y = Vector128.Create(1e-6f);
        Vector128<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x,
            a11 = x;
        for (long r = 0; r < rounds; r++)
        {
            a0 = a0 * x + y; a1 = a1 * x + y; a2 = a2 * x + y; a3 = a3 * x + y; a4 = a4 * x + y; a5 = a5 * x + y;
            a6 = a6 * x + y; a7 = a7 * x + y; a8 = a8 * x + y; a9 = a9 * x + y; a10 = a10 * x + y; a11 = a11 * x + y;
        }
        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
