namespace Recurrent.Data;

/// <summary>
/// A batch of B sequences laid out time-major, the layout the library's recurrent layers take: step t of sequence
/// b is at [t, b]. T is the longest length in the batch; shorter sequences are padded with zeros after their end,
/// and <see cref="Mask"/> is 1 on real steps and 0 on padding. Integer arrays of shape (T, B) are flattened as
/// [t·B + b]. Targets follow the data set's <see cref="SequenceDataset.TargetKind"/>; the others are null.
/// </summary>
public sealed class TimeMajorBatch
{
    /// <summary>The value of a padded entry of <see cref="StepClassIds"/> (like PyTorch's ignore_index).</summary>
    public const int PaddingClassId = -1;

    internal TimeMajorBatch(int steps, int size, SequenceDataset data)
    {
        Steps = steps;
        Size = size;
        Lengths = new int[size];
        ExampleIndices = new int[size];
        Mask = new Tensor<float>(steps, size);
        if (data.IsTokens) TokenIds = new int[steps * size];
        else Features = new Tensor<float>(steps, size, data.FeatureCount);
        switch (data.TargetKind)
        {
            case SequenceTargetKind.Class: ClassIds = new int[size]; break;
            case SequenceTargetKind.Values: Values = new Tensor<float>(size, data.TargetWidth); break;
            case SequenceTargetKind.StepClasses: StepClassIds = new int[steps * size]; break;
            case SequenceTargetKind.StepValues: StepValues = new Tensor<float>(steps, size, data.TargetWidth); break;
        }
    }

    /// <summary>T, the steps of the batch: the longest sequence's length.</summary>
    public int Steps { get; }

    /// <summary>B, the sequences in the batch.</summary>
    public int Size { get; }

    /// <summary>(T, B, F) features, zero after each sequence's end; null for token inputs.</summary>
    public Tensor<float>? Features { get; }

    /// <summary>(T, B) token ids flattened as [t·B + b], 0 on padding; null for feature inputs.</summary>
    public int[]? TokenIds { get; }

    /// <summary>(B) the length of each sequence.</summary>
    public int[] Lengths { get; }

    /// <summary>(T, B) 1 where step t of sequence b is real, 0 on padding.</summary>
    public Tensor<float> Mask { get; }

    /// <summary>(B) each sequence's index in the data set that was batched.</summary>
    public int[] ExampleIndices { get; }

    /// <summary>(B) class ids, for one class per sequence; else null.</summary>
    public int[]? ClassIds { get; }

    /// <summary>(B, K) target values, for a value vector per sequence; else null.</summary>
    public Tensor<float>? Values { get; }

    /// <summary>(T, B) class ids flattened as [t·B + b], <see cref="PaddingClassId"/> on padding; else null.</summary>
    public int[]? StepClassIds { get; }

    /// <summary>(T, B, K) target values per step, zero on padding; else null.</summary>
    public Tensor<float>? StepValues { get; }

    /// <summary>Padded entries, T·B − Σ lengths: the steps computed for nothing.</summary>
    public int PaddingSteps => Steps * Size - Lengths.Sum();

    /// <summary>Fills the batch with the sequences at <paramref name="indices"/>, clearing what a previous use
    /// left.</summary>
    internal void Fill(SequenceDataset data, ReadOnlySpan<int> indices)
    {
        Mask.Clear();
        Features?.Clear();
        TokenIds?.AsSpan().Clear();
        StepValues?.Clear();
        StepClassIds?.AsSpan().Fill(PaddingClassId);
        int b0 = 0;
        foreach (int index in indices)
        {
            int b = b0++;
            var e = data.Examples[index];
            ExampleIndices[b] = index;
            Lengths[b] = e.Length;
            for (int t = 0; t < e.Length; t++)
            {
                Mask[t, b] = 1f;
                if (Features is not null)
                    e.Features.AsSpan(t * e.FeatureCount, e.FeatureCount).CopyTo(Features[t].Row(b));
                else TokenIds![t * Size + b] = e.Tokens![t];
            }
            FillTarget(e, b);
        }
    }

    private void FillTarget(SequenceExample e, int b)
    {
        var target = e.Target;
        int k = target.Width;
        switch (target.Kind)
        {
            case SequenceTargetKind.Class:
                ClassIds![b] = target.ClassId;
                break;
            case SequenceTargetKind.Values:
                target.Values.AsSpan().CopyTo(Values!.Row(b));
                break;
            case SequenceTargetKind.StepClasses:
                for (int t = 0; t < e.Length; t++) StepClassIds![t * Size + b] = target.StepClassIds![t];
                break;
            case SequenceTargetKind.StepValues:
                for (int t = 0; t < e.Length; t++) target.Values.AsSpan(t * k, k).CopyTo(StepValues![t].Row(b));
                break;
        }
    }
}
