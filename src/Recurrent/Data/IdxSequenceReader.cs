namespace Recurrent.Data;

/// <summary>
/// Images of IDX files (MNIST, Fashion-MNIST) as sequences of rows, the classic sequential-image task: a 28×28 image
/// becomes 28 steps of 28 features, pixels scaled to [0, 1], with its label as the class. Reads through
/// <see cref="IdxReader"/>.
/// </summary>
public static class IdxSequenceReader
{
    /// <summary>Reads images and labels; class names default to the label numbers "0", "1", … up to the
    /// largest.</summary>
    /// <param name="imagesPath">An idx3 file (gzipped or not).</param>
    /// <param name="labelsPath">The matching idx1 file.</param>
    /// <param name="limit">Read only the first images and labels.</param>
    /// <param name="classNames">Class id → name, e.g. Fashion-MNIST's "T-shirt/top", "Trouser", ….</param>
    /// <exception cref="InvalidDataException">Bad files, counts that differ, or a label without a class
    /// name.</exception>
    public static SequenceDataset ReadImagesAsRows(string imagesPath, string labelsPath, int? limit = null,
        IReadOnlyList<string>? classNames = null)
    {
        var (pixels, count, rows, columns) = IdxReader.ReadImages(imagesPath, limit);
        var labels = IdxReader.ReadLabels(labelsPath, limit);
        if (labels.Length != count)
            throw new InvalidDataException(
                $"{labelsPath}: expected one label per image of {imagesPath} ({count}), got {labels.Length}");
        var names = classNames ?? Enumerable.Range(0, labels.Max() + 1).Select(i => i.ToString()).ToArray();
        int size = rows * columns;
        var examples = new SequenceExample[count];
        for (int i = 0; i < count; i++)
        {
            if (labels[i] >= names.Count)
                throw new InvalidDataException($"{labelsPath}: label {i} is {labels[i]}, expected one of the " +
                    $"{names.Count} classes");
            examples[i] = SequenceExample.FromFeatures(pixels[(i * size)..((i + 1) * size)], columns,
                SequenceTarget.Class(labels[i]), $"image {i}");
        }
        return new SequenceDataset(examples, names);
    }
}
