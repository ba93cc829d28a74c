using Recurrent.Data;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Data;

public class IdxSequenceReaderTests
{
    [Fact]
    public void Images_BecomeSequencesOfRows()
    {
        using var files = new TempFiles();
        string images = files.PathOf("images");
        string labels = files.PathOf("labels");
        File.WriteAllBytes(images, [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 51, 255, 0, 0, 0, 1, 2, 3, 4, 5,
            6]);
        File.WriteAllBytes(labels, [0, 0, 8, 1, 0, 0, 0, 2, 2, 0]);
        var data = IdxSequenceReader.ReadImagesAsRows(images, labels);
        Assert.Equal((2, 3), (data.Count, data.FeatureCount));
        Assert.Equal([2, 2], data.Examples.Select(e => e.Length));
        Assert.Equal(["0", "1", "2"], data.ClassNames);
        Assert.Equal([2, 0], data.Examples.Select(e => e.Target.ClassId));
        Approx.Equal([0f, 0.2f, 1f, 0f, 0f, 0f], data.Examples[0].Features, 1e-6, "image 0");
    }

    [Fact]
    public void CountsThatDiffer_AreNamed()
    {
        using var files = new TempFiles();
        string images = files.PathOf("images"), labels = files.PathOf("labels");
        File.WriteAllBytes(images, [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9]);
        File.WriteAllBytes(labels, [0, 0, 8, 1, 0, 0, 0, 2, 1, 0]);
        var e = Assert.Throws<InvalidDataException>(() => IdxSequenceReader.ReadImagesAsRows(images, labels));
        Assert.Contains("expected one label per image", e.Message);
    }

    [Fact]
    public void BundledFashionMnist_Is28StepsOf28Features()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "data",
            "fashion-mnist-1k-labels-idx1-ubyte.gz"))) root = Path.GetDirectoryName(root)!;
        var data = IdxSequenceReader.ReadImagesAsRows(Path.Combine(root, "data",
            "fashion-mnist-1k-images-idx3-ubyte.gz"),
            Path.Combine(root, "data", "fashion-mnist-1k-labels-idx1-ubyte.gz"), limit: 100);
        Assert.Equal((100, 28, 28), (data.Count, data.MaxLength, data.FeatureCount));
        Assert.All(data.Examples.SelectMany(e => e.Features!), v => Assert.InRange(v, 0f, 1f));
    }
}
