namespace Recurrent.Layers.Recurrent;

/// <summary>
/// Which of the caller's buffers a recurrent Backward may write over, said at the call. Reusing them keeps a training
/// step's memory to what the model needs (no (T, B, H) block per layer for gradients the caller will never read
/// again), but the caller must then not read them after Backward. <see cref="None"/> by default: nothing of the
/// caller's changes.
/// </summary>
[Flags]
public enum BufferReuse
{
    /// <summary>Backward leaves dy and the y that Forward returned as they are.</summary>
    None = 0,

    /// <summary>dy's storage may be written over (the Elman cell keeps its per-step gradients there).</summary>
    OutputGradient = 1,

    /// <summary>The y that Forward returned may be written over (dx may be returned in its storage).</summary>
    Output = 2,

    /// <summary>Both: what a model passes for buffers that only it reads.</summary>
    All = OutputGradient | Output,
}
