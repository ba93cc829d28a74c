using System.Globalization;
using System.IO.Compression;

namespace Recurrent.Data;

/// <summary>
/// Reads the UCI optical digits (1,797 images of 8×8 pixels, values 0–16) as shipped by scikit-learn:
/// one CSV line per image, 64 pixel values then the label 0–9, optionally gzip-compressed.
/// Pixels are scaled to [0, 1].
/// </summary>
public static class DigitsReader
{
    /// <summary>Pixels per image.</summary>
    public const int PixelCount = 64;

    /// <summary>Largest pixel value in the file.</summary>
    public const double MaxPixel = 16;

    /// <summary>Loads <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the line and what was
    /// wrong.</summary>
    public static ClassificationDataset Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"digits file not found: '{path}'", path);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        try
        {
            return Parse(reader, path);
        }
        catch (InvalidDataException) { throw; }
        catch (Exception e) when (e is IOException)
        {
            throw new InvalidDataException($"digits file '{path}' could not be read: {e.Message}");
        }
    }

    /// <summary>Parses CSV text in the digits format; <paramref name="source"/> names it in error messages.</summary>
    public static ClassificationDataset Parse(TextReader reader, string source)
    {
        reader = BoundedLineReader.Wrap(reader, source);
        var features = new List<double>();
        var labels = new List<int>();
        int lineNumber = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != PixelCount + 1)
                throw new InvalidDataException($"digits file '{source}', line {lineNumber}: expected " +
                    $"{PixelCount + 1} comma-separated numbers (64 pixels and a label), got {cells.Length}");
            for (int i = 0; i < PixelCount; i++)
            {
                if (!double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double pixel)
                    || !(pixel >= 0 && pixel <= MaxPixel))
                    throw new InvalidDataException($"digits file '{source}', line {lineNumber}, column {i + 1}: " +
                        $"expected a pixel value in [0, 16], got '{cells[i]}'");
                features.Add(pixel / MaxPixel);
            }
            if (!int.TryParse(cells[PixelCount], NumberStyles.Integer, CultureInfo.InvariantCulture, out int label)
                || label < 0 || label > 9)
                throw new InvalidDataException($"digits file '{source}', line {lineNumber}: expected a label 0–9 in " +
                    $"the last column, got '{cells[PixelCount]}'");
            labels.Add(label);
        }
        if (labels.Count == 0) throw new InvalidDataException($"digits file '{source}' holds no images");
        return new ClassificationDataset(features.ToArray(), labels.ToArray(), PixelCount, 10);
    }
}
