using System.Runtime.InteropServices;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// The packing buffers of one thread, grown on demand and then reused by every later GEMM on that thread, so the
/// RNN time loop allocates nothing. Native and 64-byte aligned (one cache line per packed row of a B sliver);
/// freed by the finalizer once the thread that owns them has gone.
/// </summary>
internal sealed unsafe class GemmPackBuffers
{
    private const nuint Alignment = 64;

    [ThreadStatic] private static GemmPackBuffers? current;

    private void* a, b;
    private nuint aBytes, bBytes;

    /// <summary>The calling thread's buffers.</summary>
    public static GemmPackBuffers ForCurrentThread => current ??= new GemmPackBuffers();

    /// <summary>Room for at least <paramref name="elements"/> values of packed A.</summary>
    public T* A<T>(int elements) where T : unmanaged => (T*)Ensure(ref a,
        ref aBytes, (nuint)elements * (nuint)sizeof(T));

    /// <summary>Room for at least <paramref name="elements"/> values of packed B.</summary>
    public T* B<T>(int elements) where T : unmanaged => (T*)Ensure(ref b,
        ref bBytes, (nuint)elements * (nuint)sizeof(T));

    private static void* Ensure(ref void* buffer, ref nuint capacity, nuint bytes)
    {
        if (bytes <= capacity) return buffer;
        NativeMemory.AlignedFree(buffer);
        buffer = null;
        capacity = 0;
        buffer = NativeMemory.AlignedAlloc(bytes, Alignment);
        capacity = bytes;
        return buffer;
    }

    ~GemmPackBuffers()
    {
        NativeMemory.AlignedFree(a);
        NativeMemory.AlignedFree(b);
    }
}
