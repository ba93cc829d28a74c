using Recurrent.Data;

namespace Recurrent.Tests.Data;

public class DigitsReaderTests
{
    private static string RepoData(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(name);
    }

    [Fact]
    public void BundledDigits_Has1797ImagesOfTenClassesScaledToUnitRange()
    {
        var digits = DigitsReader.Load(RepoData("digits.csv.gz"));
        Assert.Equal(1797, digits.Count);
        Assert.Equal(64, digits.FeatureCount);
        Assert.Equal(10, digits.Labels.Distinct().Count());
        Assert.InRange(digits.Features.Max(), 0.99, 1.0);
        Assert.Equal(0.0, digits.Features.Min());
    }

    [Fact]
    public void Split_IsStratifiedDisjointAndSeeded()
    {
        var digits = DigitsReader.Load(RepoData("digits.csv.gz"));
        var (train, test) = digits.Split(0.2, new Random(5));
        var (train2, _) = digits.Split(0.2, new Random(5));
        Assert.Equal(digits.Count, train.Count + test.Count);
        Assert.Equal(train.Labels, train2.Labels);
        for (int c = 0; c < 10; c++)
        {
            double share = test.Labels.Count(l => l == c) / (double)digits.Labels.Count(l => l == c);
            Assert.InRange(share, 0.17, 0.23);
        }
    }

    [Theory]
    [InlineData("1,2,3", "expected 65")]
    [InlineData("PIXELS,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0," +
        "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1", "column 1")]
    [InlineData("17,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0," +
        "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1", "[0, 16]")]
    [InlineData("0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0," +
        "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,12", "label")]
    public void MalformedLine_IsRejectedWithLineAndReason(string line, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => DigitsReader.Parse(new StringReader(line), "t.csv"));
        Assert.Contains("line 1", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
