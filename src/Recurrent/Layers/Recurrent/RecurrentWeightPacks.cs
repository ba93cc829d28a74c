using Recurrent.Backends.Cpu;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The packed blocks of W_hh (<see cref="PackedMatrix{T}"/>) that a cell's per-step products read during one pass of
/// its time loop, by slot: the pass's products in the order the cell declares them. A pass packs its slots when it
/// starts and hands this set to every step (<see cref="RecurrentStep{T}.Packs"/>) until it ends, so cells whose passes
/// never overlap can share one set: the layers of a <see cref="RecurrentStack{T}"/> run one after another, forward and
/// backward, and share theirs, which keeps one copy of the largest W_hh in memory instead of one per layer and
/// direction.
/// </summary>
internal sealed class RecurrentWeightPacks<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private PackedMatrix<T>[] _slots = [];

    /// <summary>The packed matrix in <paramref name="slot"/>, made on first use (its storage grows to the largest block
    /// packed there).</summary>
    public PackedMatrix<T> Slot(int slot)
    {
        if (slot >= _slots.Length)
        {
            int old = _slots.Length;
            Array.Resize(ref _slots, slot + 1);
            for (int i = old; i <= slot; i++) _slots[i] = new PackedMatrix<T>();
        }
        return _slots[slot];
    }
}
