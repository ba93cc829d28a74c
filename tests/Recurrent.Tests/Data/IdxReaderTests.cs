using System.IO.Compression;
using Recurrent.Data;

namespace Recurrent.Tests.Data;

public class IdxReaderTests
{
    [Fact]
    public void ReadsGzippedImagesAndLabels_ScaledToUnitRange()
    {
        string images = Temp(Gzip([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255, 51, 102]));
        string labels = Temp([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]);
        try
        {
            var (pixels, count, rows, columns) = IdxReader.ReadImages(images);
            Assert.Equal((2, 1, 2), (count, rows, columns));
            Assert.True(Math.Abs(pixels[1] - 1f) < 1e-7 && Math.Abs(pixels[2] - 0.2f) < 1e-6,
                string.Join(", ", pixels));
            Assert.Equal([7, 3], IdxReader.ReadLabels(labels));
            Assert.Equal([7], IdxReader.ReadLabels(labels, 1));
        }
        finally
        {
            File.Delete(images);
            File.Delete(labels);
        }
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4 }, "magic 00 00 08 01")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 1 }, "expected 1 dimension")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1 }, "expected 3 data bytes")]
    public void BadFiles_SayWhatWasExpected(byte[] bytes, string expected)
    {
        string path = Temp(bytes);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
            Assert.Contains(expected, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BundledSubset_HasOneThousandImagesOfEveryClass()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "data", "fashion-mnist-1k-labels-idx1-ubyte.gz")))
            root = Path.GetDirectoryName(root)!;
        var labels = IdxReader.ReadLabels(Path.Combine(root, "data", "fashion-mnist-1k-labels-idx1-ubyte.gz"));
        Assert.Equal(1000, labels.Length);
        Assert.Equal(10, labels.Distinct().Count());
        var (_, count, rows, columns) =
            IdxReader.ReadImages(Path.Combine(root, "data", "fashion-mnist-1k-images-idx3-ubyte.gz"));
        Assert.Equal((1000, 28, 28), (count, rows, columns));
    }

    private static string Temp(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"idx-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }
}
