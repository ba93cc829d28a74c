using CsCheck;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// How many hostile inputs each reader gets, and the seeds they are drawn from. The test suite runs
/// <see cref="CiCases"/> per reader so that it stays fast on two cores; <c>tools/fuzz.sh</c> sets
/// <c>RECURRENT_FUZZ_CASES</c> (10,000 by default there) for the long run whose figures docs/reliability.md reports.
/// </summary>
internal static class FuzzBudget
{
    /// <summary>Cases per reader in the ordinary test run.</summary>
    public const int CiCases = 300;

    /// <summary>Cases per reader: RECURRENT_FUZZ_CASES when set, else <see cref="CiCases"/>.</summary>
    public static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("RECURRENT_FUZZ_CASES"), out int n) && n > 0 ? n : CiCases;

    /// <summary>The seed every property and fuzzer draws its cases' seeds from (<see cref="ForEachCase"/>).</summary>
    public const int Seed = 1;

    /// <summary>
    /// Calls <paramref name="sampleOne"/> <paramref name="cases"/> times, each with the CsCheck seed of one case,
    /// drawn from a <see cref="Random"/> seeded with <see cref="Seed"/>: every run draws the same cases. (CsCheck's
    /// own <c>seed:</c> fixes only the first iteration of a Sample, the others come from a per-thread generator, so a
    /// Sample of many iterations differs from run to run; a Sample of one iteration per seed does not, and a failure
    /// still prints its case's seed.)
    /// </summary>
    /// <param name="cases">How many cases.</param>
    /// <param name="sampleOne">Runs one case: <c>seed => gen.Sample(check, iter: 1, threads: 1, seed: seed)</c>.
    /// </param>
    public static void ForEachCase(int cases, Action<string> sampleOne)
    {
        var random = new Random(Seed);
        for (int i = 0; i < cases; i++)
            sampleOne(new PCG((uint)random.Next(), (ulong)random.NextInt64()).ToString());
    }
}
