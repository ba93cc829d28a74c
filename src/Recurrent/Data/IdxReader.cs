using System.IO.Compression;

namespace Recurrent.Data;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format), optionally gzipped: big-endian magic 0x0000_08_nn (unsigned
/// bytes, nn dimensions), nn big-endian 32-bit sizes, then the bytes row-major. Errors name the file and what was
/// expected.
/// </summary>
public static class IdxReader
{
    /// <summary>Images of an idx3 file as (count, rows · columns) floats scaled to [0, 1], and the image
    /// size.</summary>
    public static (float[] Pixels, int Count, int Rows, int Columns) ReadImages(string path, int? limit = null)
    {
        var (dims, data) = Read(path, 3);
        int count = Math.Min(dims[0], limit ?? int.MaxValue), size = dims[1] * dims[2];
        var pixels = new float[count * size];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = data[i] / 255f;
        return (pixels, count, dims[1], dims[2]);
    }

    /// <summary>Labels of an idx1 file.</summary>
    public static int[] ReadLabels(string path, int? limit = null)
    {
        var (dims, data) = Read(path, 1);
        return data.Take(Math.Min(dims[0], limit ?? int.MaxValue)).Select(b => (int)b).ToArray();
    }

    private static (int[] Dims, byte[] Data) Read(string path, int expectedRank)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file '{path}' not found", path);
        using var file = File.OpenRead(path);
        bool gzip = file.Length >= 2 && file.ReadByte() == 0x1F && file.ReadByte() == 0x8B;
        file.Position = 0;
        using var source = gzip ? (Stream)new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            // The header first, then exactly the bytes it declares: reading the whole (decompressed) stream before
            // checking would let a small gzip bomb or a header claiming 10^12 bytes allocate without bound.
            var magic = ReadUpTo(source, 4);
            if (magic.Length < 4 || magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08)
                throw new InvalidDataException($"{path}: expected an IDX file of unsigned bytes (magic 00 00 08 " +
                    $"0{expectedRank}), got {Hex(magic)}");
            if (magic[3] != expectedRank)
                throw new InvalidDataException($"{path}: expected {expectedRank} dimension(s) " +
                    $"({(expectedRank == 3 ? "images" : "labels")}), got {magic[3]}");
            int header = 4 + 4 * expectedRank;
            var sizes = ReadUpTo(source, 4 * expectedRank);
            if (sizes.Length < 4 * expectedRank)
                throw new InvalidDataException(
                    $"{path}: header cut short: expected {header} bytes, got {4 + sizes.Length}");
            var dims = new int[expectedRank];
            long volume = 1;
            for (int d = 0; d < expectedRank; d++)
            {
                dims[d] = (sizes[4 * d] << 24) | (sizes[1 + 4 * d] << 16) | (sizes[2 + 4 * d] << 8) | sizes[3 + 4 * d];
                if (dims[d] <= 0)
                    throw new InvalidDataException($"{path}: dimension {d} must be positive, got {dims[d]}");
                volume *= dims[d];
                if (volume > Array.MaxLength)
                    throw new InvalidDataException(
                        $"{path}: ({string.Join(", ", dims[..(d + 1)])}) declares more bytes than one array holds");
            }
            if (!gzip && file.Length - header != volume)
                throw new InvalidDataException($"{path}: expected {volume} data bytes for " +
                    $"({string.Join(", ", dims)}), got {file.Length - header}");
            var data = ReadUpTo(source, (int)Math.Min(volume + 1, Array.MaxLength));
            if (data.Length != volume)
                throw new InvalidDataException($"{path}: expected {volume} data bytes for " +
                    $"({string.Join(", ", dims)}), got {(data.Length > volume ? "more" : data.Length.ToString())}");
            return (dims, data);
        }
        catch (InvalidDataException e) when (gzip && !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: not a readable gzip stream ({e.Message})", e);
        }
    }

    /// <summary>Up to <paramref name="count"/> bytes, fewer at the end of the stream; the buffer grows as bytes
    /// arrive, so a claim larger than the stream costs only what the stream holds.</summary>
    private static byte[] ReadUpTo(Stream stream, int count)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[Math.Min(count, 1 << 16)];
        while (buffer.Length < count)
        {
            int read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, count - buffer.Length));
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Hex(byte[] bytes) =>
        bytes.Length == 0 ? "an empty file" : string.Join(' ', bytes.Take(4).Select(b =>
        b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
