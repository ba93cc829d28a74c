namespace Recurrent.Lab.Examples;

/// <summary>Accuracy of predictions on a <see cref="BitBatch"/>.</summary>
/// <param name="Sequences">Share of rows whose every counted bit is right (for many-to-one, the one bit).</param>
/// <param name="Bits">Share of counted bits that are right.</param>
public readonly record struct BitAccuracy(double Sequences, double Bits)
{
    /// <summary>Scores <paramref name="predicted"/> classes (T·B, laid out as <see cref="BitBatch.Classes"/>) against
    /// the batch.</summary>
    public static BitAccuracy Score(BitBatch batch, ReadOnlySpan<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (predicted.Length != batch.Classes.Length)
            throw new ShapeMismatchException($"predictions: expected (T·B) = ({batch.Classes.Length}), got " +
                $"({predicted.Length})");
        int rows = batch.BatchSize, counted = 0, rightBits = 0, rightRows = 0;
        var mask = batch.Mask.Span;
        for (int b = 0; b < rows; b++)
        {
            bool all = true;
            for (int t = 0; t < batch.Steps; t++)
            {
                int i = t * rows + b;
                if (mask[i] == 0) continue;
                counted++;
                if (predicted[i] == batch.Classes[i]) rightBits++;
                else all = false;
            }
            if (all) rightRows++;
        }
        return new BitAccuracy((double)rightRows / rows, counted == 0 ? 0 : (double)rightBits / counted);
    }
}
