using System.Runtime.CompilerServices;

namespace Recurrent.Tensors;

/// <summary>
/// Arrays that live as long as the layer or workspace that owns them (per-shape step buffers, states, scratch), made
/// where the GC will not move them: under the large-object threshold on the pinned object heap, from it up as ordinary
/// arrays, which the large object heap does not move either.
/// </summary>
/// <remarks>
/// An ordinary small array is born in gen0 and copied to gen1 and gen2 as it survives, so its bytes are written in two
/// or three places and the process keeps all those pages, which raises the peak working set of a training step
/// (docs/benchmarks.md has the measurement). Only for arrays kept for the owner's lifetime: the pinned heap is
/// collected with gen2 alone.
/// </remarks>
internal static class LongLivedArray
{
    // Arrays of this many bytes or more go to the large object heap.
    private const int LargeObjectBytes = 85_000;

    /// <summary>A zero-filled array of <paramref name="length"/> that the GC will not move.</summary>
    public static T[] Allocate<T>(int length) where T : unmanaged =>
        length == 0 ? [] : (long)length * Unsafe.SizeOf<T>() < LargeObjectBytes
            ? GC.AllocateArray<T>(length, pinned: true) : new T[length];

    /// <summary>A zero-filled tensor of <paramref name="shape"/> over such an array.</summary>
    public static Tensor<T> Tensor<T>(params int[] shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(Allocate<T>(ShapeText.Volume(shape)), 0, shape);
}
