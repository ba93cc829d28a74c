namespace Recurrent.Distributed;

/// <summary>
/// The collective operations data-parallel training needs, over a fixed group of <see cref="Size"/> processes
/// (ranks). Every rank must make the same calls in the same order with the same lengths (MPI's rule for
/// collectives); a rank that skips one leaves the others waiting, which is why a failing rank must
/// <see cref="Abort"/> the whole group rather than just exit.
/// </summary>
public interface ICommunicator
{
    /// <summary>This process's index in the group, 0 … Size − 1; rank 0 writes files and prints.</summary>
    int Rank { get; }

    /// <summary>Processes in the group.</summary>
    int Size { get; }

    /// <summary>In place: every rank's <paramref name="values"/> become the element-wise sum over all ranks
    /// (MPI_Allreduce with MPI_IN_PLACE and MPI_SUM). Lengths must agree.</summary>
    void AllReduceSum(Span<float> values);

    /// <inheritdoc cref="AllReduceSum(Span{float})"/>
    void AllReduceSum(Span<double> values);

    /// <summary>Every rank's <paramref name="values"/> become those of rank <paramref name="root"/>
    /// (MPI_Bcast).</summary>
    void Broadcast(Span<float> values, int root);

    /// <inheritdoc cref="Broadcast(Span{float}, int)"/>
    void Broadcast(Span<byte> values, int root);

    /// <summary>Returns once every rank has called it (MPI_Barrier).</summary>
    void Barrier();

    /// <summary>Ends every process of the group with <paramref name="errorCode"/> (MPI_Abort); does not
    /// return.</summary>
    void Abort(int errorCode);
}
