namespace Recurrent.Tests.Reliability;

/// <summary>
/// How many hostile inputs each reader gets. The test suite runs <see cref="CiCases"/> per reader so that it stays
/// fast on two cores; <c>tools/fuzz.sh</c> sets <c>RECURRENT_FUZZ_CASES</c> (10,000 by default there) for the long
/// run whose figures docs/reliability.md reports.
/// </summary>
internal static class FuzzBudget
{
    /// <summary>Cases per reader in the ordinary test run.</summary>
    public const int CiCases = 300;

    /// <summary>Cases per reader: RECURRENT_FUZZ_CASES when set, else <see cref="CiCases"/>.</summary>
    public static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("RECURRENT_FUZZ_CASES"), out int n) && n > 0 ? n : CiCases;

    /// <summary>Fixed CsCheck seed, so a run is repeatable; a failure prints the case's own seed too.</summary>
    public const string Seed = "0000000000001";
}
