namespace Recurrent.Backends.Cpu;

/// <summary>Work split into numbered parts that <see cref="WorkerPool"/> runs one per thread.</summary>
internal interface IParallelJob
{
    /// <summary>Runs part <paramref name="part"/>; parts touch disjoint memory, so they need no locking.</summary>
    void Execute(int part);
}
