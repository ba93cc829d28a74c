namespace Recurrent.Distributed;

/// <summary>What <see cref="CommunicatorCheck.Run"/> found.</summary>
/// <param name="Size">Ranks in the group.</param>
/// <param name="Rank">The rank that holds this report.</param>
/// <param name="Floats">Elements per allreduce.</param>
/// <param name="WrongSums">Elements, over all ranks, whose allreduce sum was not the exact one.</param>
/// <param name="WrongBytes">Bytes, over all ranks, that the broadcast did not deliver.</param>
/// <param name="AllReduceSeconds">Mean time of one allreduce of <paramref name="Floats"/> float32.</param>
/// <param name="BusBytesPerSecond">2(N − 1)/N · bytes / time (NaN for one rank).</param>
public sealed record CommunicatorCheckReport(int Size, int Rank, int Floats, long WrongSums, long WrongBytes,
    double AllReduceSeconds, double BusBytesPerSecond)
{
    /// <summary>True when every sum and every byte arrived right on every rank.</summary>
    public bool Passed => WrongSums == 0 && WrongBytes == 0;
}
