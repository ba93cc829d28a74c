using System.Text;
using Recurrent.Data;

namespace Recurrent.Tests.Data;

public class TextCorpusTests
{
    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.txt");
        var e = Assert.Throws<FileNotFoundException>(() => TextCorpus.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Load_RepositoryCorpus_IsValidText()
    {
        var path = FindRepositoryFile("data/moby-dick.txt");
        var corpus = TextCorpus.Load(path);
        Assert.True(corpus.Length > 100_000, $"only {corpus.Length} characters");
        Assert.Contains("Ishmael", corpus.Text);
    }

    [Fact]
    public void FromBytes_Empty_Throws() =>
        Assert.Contains("is empty", Assert.Throws<InvalidDataException>(() => TextCorpus.FromBytes([], "t")).Message);

    [Fact]
    public void FromBytes_OnlyByteOrderMark_IsEmpty() =>
        Assert.Contains("only a byte order mark", Assert.Throws<InvalidDataException>(() =>
            TextCorpus.FromBytes([0xEF, 0xBB, 0xBF], "t")).Message);

    [Fact]
    public void FromBytes_ByteOrderMark_IsDropped() =>
        Assert.Equal("hi", TextCorpus.FromBytes([0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i']).Text);

    [Fact]
    public void FromBytes_NulByte_IsBinaryWithItsOffset()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            TextCorpus.FromBytes([(byte)'a', (byte)'b', 0, (byte)'c'], "t"));
        Assert.Contains("looks binary: NUL byte at offset 2", e.Message);
    }

    [Fact]
    public void FromBytes_ManyControlCharacters_IsBinary()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("abc\u0001\u0002", 20)));
        var e = Assert.Throws<InvalidDataException>(() => TextCorpus.FromBytes(bytes, "t"));
        Assert.Contains("40 of its 100 characters", e.Message);
        Assert.Contains("the first at character 3", e.Message);
    }

    [Fact]
    public void FromBytes_WhitespaceControls_AreText()
    {
        var corpus = TextCorpus.FromBytes(Encoding.UTF8.GetBytes("a\tb\r\nc\fd\n"));
        Assert.Equal(9, corpus.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x62, 0xFF, 0x63 }, 2, "invalid UTF-8 sequence")]
    // é cut, next byte not a continuation
    [InlineData(new byte[] { 0x61, 0xC3, 0x28 }, 1, "invalid UTF-8 sequence")]
    [InlineData(new byte[] { 0x61, 0x62, 0x63, 0xE2, 0x82 }, 3, "truncated UTF-8 sequence")]
    // overlong, after a BOM
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0xC0, 0x80 }, 4, "invalid UTF-8 sequence")]
    public void FromBytes_InvalidUtf8_GivesTheByteOffset(byte[] bytes, int offset, string what)
    {
        var e = Assert.Throws<InvalidDataException>(() => TextCorpus.FromBytes(bytes, "t"));
        Assert.Contains($"{what} at byte offset {offset}", e.Message);
    }

    [Fact]
    public void Length_CountsScalarValuesNotUtf16Units()
    {
        var corpus = TextCorpus.FromText("a🐋b");
        Assert.Equal(3, corpus.Length);
        Assert.Equal(4, corpus.Text.Length);
    }

    [Fact]
    public void Split_TakesTheFirstAndLastParts()
    {
        var corpus = TextCorpus.FromText(string.Concat(Enumerable.Range(0, 100).Select(i => (char)('a' + i % 26))));
        var split = corpus.Split(0.9, 0.1);
        Assert.Equal(90, split.Train.Length);
        Assert.Equal(10, split.Validation.Length);
        Assert.Equal(corpus.Text, split.Train + split.Validation);

        var withGap = corpus.Split(0.8, 0.05);
        Assert.Equal(corpus.Text[..80], withGap.Train);
        Assert.Equal(corpus.Text[95..], withGap.Validation);

        Assert.Equal("", corpus.Split(1, 0).Validation);
    }

    [Fact]
    public void Split_NeverCutsASurrogatePair()
    {
        var corpus = TextCorpus.FromText("🐋🐋🐋🐋🐋🐋🐋🐋🐋🐋");
        var split = corpus.Split(0.5, 0.5);
        Assert.Equal("🐋🐋🐋🐋🐋", split.Train);
        Assert.Equal("🐋🐋🐋🐋🐋", split.Validation);
    }

    [Theory]
    [InlineData(0, 0.1, "train fraction must lie in (0, 1]")]
    [InlineData(1.5, 0, "train fraction must lie in (0, 1]")]
    [InlineData(double.NaN, 0, "train fraction")]
    [InlineData(0.9, -0.1, "validation fraction must lie in [0, 1)")]
    [InlineData(0.9, 0.2, "must sum to at most 1")]
    public void Split_BadFractions_AreRejected(double train, double validation, string expected)
    {
        var corpus = TextCorpus.FromText("abcdefghij");
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() =>
            corpus.Split(train, validation)).Message);
    }

    [Fact]
    public void Split_TooShortForAPart_Throws()
    {
        var corpus = TextCorpus.FromText("abcdefghij");
        Assert.Contains("leaves none for validation", Assert.Throws<InvalidDataException>(() =>
            corpus.Split(0.95, 0.05)).Message);
    }

    [Fact]
    public void RequireLength_SaysWhatIsNeeded()
    {
        TextCorpus.RequireLength(60, 9, 6, "x"); // 6 streams of 10: exactly enough
        var e = Assert.Throws<InvalidDataException>(() => TextCorpus.RequireLength(59, 9, 6, "the training text"));
        Assert.Contains("the training text has 59 characters", e.Message);
        Assert.Contains("need at least 60", e.Message);
    }

    internal static string FindRepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
