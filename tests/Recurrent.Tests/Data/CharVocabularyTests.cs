using System.Text;
using Recurrent.Data;

namespace Recurrent.Tests.Data;

public class CharVocabularyTests
{
    [Fact]
    public void FromText_SortsDistinctScalarValuesByCodePoint()
    {
        // "🐋" is one character (two UTF-16 units); "é" sorts after ASCII.
        var vocabulary = CharVocabulary.FromText("ba\né🐋 ab");
        Assert.Equal(["\n", " ", "a", "b", "é", "🐋"], vocabulary.Symbols);
        Assert.Equal(6, vocabulary.Count);
        Assert.Equal(new Rune(0x1F40B), vocabulary.RuneAt(5));
    }

    [Fact]
    public void EncodeDecode_RoundTrips()
    {
        const string text = "Call me Ishmael. 🐋 Naïve!\r\n";
        var vocabulary = CharVocabulary.FromText(text);
        var indices = vocabulary.Encode(text);
        Assert.Equal(text.EnumerateRunes().Count(), indices.Length);
        Assert.Equal(text, vocabulary.Decode(indices));
    }

    [Fact]
    public void Encode_UnknownCharacter_NamesItAndItsOffset()
    {
        var vocabulary = CharVocabulary.FromText("abc");
        var e = Assert.Throws<ArgumentException>(() => vocabulary.Encode("abxc"));
        Assert.Contains("'x' (U+0078) at UTF-16 offset 2", e.Message);
    }

    [Fact]
    public void Encode_SkippingUnknown_CountsWhatItSkipped()
    {
        var vocabulary = CharVocabulary.FromText("abc");
        var indices = vocabulary.Encode("axbé🐋c", out int unknown);
        Assert.Equal(3, unknown);
        Assert.Equal("abc", vocabulary.Decode(indices));
    }

    [Fact]
    public void Json_RoundTripsInIndexOrder()
    {
        var vocabulary = CharVocabulary.FromText("\"quoted\" \\ é\t🐋\n");
        var json = vocabulary.ToJson();
        Assert.StartsWith("[\"\\t\",\"\\n\"", json);
        var back = CharVocabulary.FromJson(json);
        Assert.Equal(vocabulary.Symbols, back.Symbols);
    }

    [Fact]
    public void SaveLoad_RoundTripsThroughAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vocab-{Guid.NewGuid():N}.json");
        try
        {
            var vocabulary = CharVocabulary.FromText("hello, wörld");
            vocabulary.Save(path);
            Assert.Equal(vocabulary.Symbols, CharVocabulary.Load(path).Symbols);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Throws<FileNotFoundException>(() => CharVocabulary.Load(path));
    }

    [Theory]
    [InlineData("{\"a\":1}", "expected a JSON array")]
    [InlineData("[\"a\",\"ab\"]", "entry 1 must be exactly one Unicode character")]
    [InlineData("[\"a\",\"\"]", "entry 1 must be exactly one Unicode character")]
    [InlineData("[\"a\",null]", "entry 1 must be exactly one Unicode character, got null")]
    [InlineData("[\"a\",\"b\",\"a\"]", "appears twice")]
    [InlineData("[]", "at least one character")]
    public void FromJson_BadContent_ThrowsInvalidData(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => CharVocabulary.FromJson(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Decode_IndexOutOfRange_Throws()
    {
        var vocabulary = CharVocabulary.FromText("ab");
        Assert.Contains("index 2 is outside [0, 2)", Assert.Throws<ArgumentOutOfRangeException>(() =>
            vocabulary.Decode([0, 2])).Message);
    }
}
