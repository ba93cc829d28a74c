namespace Recurrent.Data;

/// <summary>
/// The target of one sequence of length L: nothing, a class id, a value vector (K), per-step class ids (L) or
/// per-step values (L, K) row-major. Immutable by convention: the arrays are kept by reference, not copied.
/// </summary>
public sealed class SequenceTarget
{
    private SequenceTarget(SequenceTargetKind kind, int classId, float[]? values, int[]? stepClassIds, int width)
    {
        Kind = kind;
        ClassId = classId;
        Values = values;
        StepClassIds = stepClassIds;
        Width = width;
    }

    /// <summary>No target.</summary>
    public static SequenceTarget None { get; } = new(SequenceTargetKind.None, -1, null, null, 0);

    /// <summary>A class id for the whole sequence.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative id.</exception>
    public static SequenceTarget Class(int classId)
    {
        if (classId < 0) throw new ArgumentOutOfRangeException(nameof(classId), $"class id must be ≥ 0, got {classId}");
        return new(SequenceTargetKind.Class, classId, null, null, 0);
    }

    /// <summary>A vector of K = <paramref name="values"/>.Length values for the whole sequence.</summary>
    public static SequenceTarget Vector(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("a value target needs at least one value, got none");
        return new(SequenceTargetKind.Values, -1, values, null, values.Length);
    }

    /// <summary>One class id per step (L ids).</summary>
    public static SequenceTarget StepClasses(int[] classIds)
    {
        ArgumentNullException.ThrowIfNull(classIds);
        foreach (int id in classIds)
            if (id < 0) throw new ArgumentOutOfRangeException(nameof(classIds), $"class ids must be ≥ 0, got {id}");
        return new(SequenceTargetKind.StepClasses, -1, null, classIds, 0);
    }

    /// <summary>K values per step: <paramref name="values"/> is (L, K) row-major with K = <paramref
    /// name="width"/>.</summary>
    public static SequenceTarget StepValues(float[] values, int width)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width),
            $"values per step must be ≥ 1, got {width}");
        if (values.Length % width != 0)
            throw new ArgumentException($"per-step values must be (L, {width}) row-major, got {values.Length} values");
        return new(SequenceTargetKind.StepValues, -1, values, null, width);
    }

    /// <summary>Which of the forms this is.</summary>
    public SequenceTargetKind Kind { get; }

    /// <summary>The class id for <see cref="SequenceTargetKind.Class"/>, otherwise −1.</summary>
    public int ClassId { get; }

    /// <summary>(K) for <see cref="SequenceTargetKind.Values"/>, (L, K) row-major for StepValues, else null.</summary>
    public float[]? Values { get; }

    /// <summary>(L) class ids for <see cref="SequenceTargetKind.StepClasses"/>, else null.</summary>
    public int[]? StepClassIds { get; }

    /// <summary>K, the values per sequence or per step; 0 for class and empty targets.</summary>
    public int Width { get; }

    /// <summary>Steps the target covers: L for per-step targets, else null (any length fits).</summary>
    internal int? StepCount => Kind switch
    {
        SequenceTargetKind.StepClasses => StepClassIds!.Length,
        SequenceTargetKind.StepValues => Values!.Length / Width,
        _ => null,
    };
}
