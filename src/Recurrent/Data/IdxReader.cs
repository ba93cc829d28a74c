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
        byte[] bytes;
        using (var file = File.OpenRead(path))
        {
            bool gzip = file.Length >= 2 && file.ReadByte() == 0x1F && file.ReadByte() == 0x8B;
            file.Position = 0;
            using var source = gzip ? (Stream)new GZipStream(file, CompressionMode.Decompress) : file;
            using var buffer = new MemoryStream();
            try
            {
                source.CopyTo(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: not a readable gzip stream ({e.Message})", e);
            }
            bytes = buffer.ToArray();
        }
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08)
            throw new InvalidDataException($"{path}: expected an IDX file of unsigned bytes (magic 00 00 08 " +
                $"0{expectedRank}), got {Hex(bytes)}");
        if (bytes[3] != expectedRank)
            throw new InvalidDataException($"{path}: expected {expectedRank} dimension(s) " +
                $"({(expectedRank == 3 ? "images" : "labels")}), got {bytes[3]}");
        int header = 4 + 4 * expectedRank;
        if (bytes.Length < header)
            throw new InvalidDataException($"{path}: header cut short: expected {header} bytes, got {bytes.Length}");
        var dims = new int[expectedRank];
        long volume = 1;
        for (int d = 0; d < expectedRank; d++)
        {
            dims[d] = (bytes[4 + 4 * d] << 24) | (bytes[5 + 4 * d] << 16) | (bytes[6 + 4 * d] << 8) | bytes[7 + 4 * d];
            if (dims[d] <= 0) throw new InvalidDataException($"{path}: dimension {d} must be positive, got {dims[d]}");
            volume *= dims[d];
        }
        if (bytes.Length - header != volume)
            throw new InvalidDataException($"{path}: expected {volume} data bytes for ({string.Join(", ", dims)}), " +
                $"got {bytes.Length - header}");
        return (dims, bytes[header..]);
    }

    private static string Hex(byte[] bytes) =>
        bytes.Length == 0 ? "an empty file" : string.Join(' ', bytes.Take(4).Select(b =>
        b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
