namespace Recurrent.Losses;

/// <summary>
/// What a prediction is scored against: either class ids, one per row (time-major (T·B) for a (T, B, K) prediction,
/// (B) for a (B, K) one), or values of the prediction's own shape. Build one with <see cref="Classes"/> or
/// <see cref="Values"/>, or pass an <c>int[]</c> or a <see cref="Tensor{T}"/> where one is expected (implicit
/// conversions). Holds references, not copies.
/// </summary>
/// <typeparam name="T">The element type of the prediction.</typeparam>
public sealed class SequenceTargets<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private SequenceTargets(ReadOnlyMemory<int> classIds, Tensor<T>? values)
    {
        ClassIds = classIds;
        ValueTensor = values;
    }

    /// <summary>True for class ids, false for values.</summary>
    public bool IsClasses => ValueTensor is null;

    /// <summary>The class ids (row r = t·B + b of a sequence); empty for value targets.</summary>
    public ReadOnlyMemory<int> ClassIds { get; }

    /// <summary>The target values, of the prediction's shape; null for class targets.</summary>
    public Tensor<T>? ValueTensor { get; }

    /// <summary>
    /// Class ids c_r ∈ [0, K), one per row: (T·B) time-major, c[t·B + b] for step t of sequence b, or (B).
    /// Ids of masked rows are never read, so padding may hold any value (e.g. −1).
    /// </summary>
    public static SequenceTargets<T> Classes(ReadOnlyMemory<int> classIds) => new(classIds, null);

    /// <summary>Target values of the prediction's shape, (T, B, K) or (B, K).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static SequenceTargets<T> Values(Tensor<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(default, values);
    }

    /// <summary>Same as <see cref="Classes"/>.</summary>
    public static implicit operator SequenceTargets<T>(int[] classIds) => Classes(classIds);

    /// <summary>Same as <see cref="Values"/>.</summary>
    public static implicit operator SequenceTargets<T>(Tensor<T> values) => Values(values);
}
