using System.Buffers.Binary;
using System.Text;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Tests.Parameters.Serialization;

/// <summary>Every malformed file is refused with an <see cref="InvalidDataException"/> that names the file, the tensor
/// and the fault.</summary>
public class SafetensorsValidationTests
{
    private const string Source = "bad.safetensors";

    /// <summary>A file with the given header text (unpadded) followed by <paramref name="dataBytes"/> zero
    /// bytes.</summary>
    private static byte[] Craft(string header, int dataBytes)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    private static string Refused(byte[] bytes)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Parse(bytes, Source));
        Assert.StartsWith($"checkpoint '{Source}': ", e.Message);
        return e.Message;
    }

    [Fact]
    public void Crafted_ValidFile_IsAccepted()
    {
        var file =
            SafetensorsFile.Parse(
            Craft("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[""" +
                """],"data_offsets":[8,16]}}""", 16));
        Assert.Equal(2, file.Tensors.Count);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void FileShorterThanLengthPrefix_IsRefused() =>
        Assert.Contains("too short for the 8-byte header length", Refused([1, 2, 3, 4, 5]));

    [Fact]
    public void HeaderLengthPastEndOfFile_IsRefused()
    {
        var bytes = Craft("""{}""", 0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 4000);
        Assert.Contains("header length 4000 runs past the end of the file (10 bytes", Refused(bytes));
    }

    [Fact]
    public void HugeHeaderLength_IsRefusedAsCorrupt()
    {
        var bytes = Craft("""{}""", 0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        Assert.Contains("exceeds the limit", Refused(bytes));
    }

    [Fact]
    public void TruncatedData_IsRefused()
    {
        var good = new SafetensorsFile([SafetensorsTensor.From<float>("w", new float[12], [4, 3])]).ToBytes();
        var message = Refused(good[..^8]);
        Assert.Contains("tensor 'w': data_offsets [0, 48] run past the end of the data (40 bytes after the header; " +
            "truncated?)", message);
    }

    [Fact]
    public void ByteCountDisagreeingWithShape_IsRefused() =>
        Assert.Contains("tensor 'w' declares shape (4, 3) of F32 = 48 bytes but data_offsets span 40",
            Refused(Craft("""{"w":{"dtype":"F32","shape":[4,3],"data_offsets":[0,40]}}""", 40)));

    [Theory]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]""")]
    [InlineData("""{"w":{"dtype":"F32",}}""")]
    [InlineData("""{not json}""")]
    public void InvalidJson_IsRefused(string header) =>
        Assert.Contains("the header is not valid JSON", Refused(Craft(header, 8)));

    [Fact]
    public void HeaderNotAnObject_IsRefused() =>
        Assert.Contains("does not start with '{'", Refused(Craft("[1, 2]", 0)));

    [Fact]
    public void OverlappingOffsets_AreRefused() =>
        Assert.Contains("tensor 'b': data_offsets [4, 12] overlap tensor 'a', which ends at 8",
            Refused(
                Craft("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[""" +
                    """2],"data_offsets":[4,12]}}""", 12)));

    [Fact]
    public void GapBetweenTensors_IsRefused() =>
        Assert.Contains("tensor 'b': data_offsets begin at 12, leaving a gap after byte 8 (end of 'a')",
            Refused(
                Craft("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[""" +
                    """1],"data_offsets":[12,16]}}""", 16)));

    [Fact]
    public void TrailingBytesAfterLastTensor_AreRefused() =>
        Assert.Contains("the tensors cover 8 bytes of data but the file holds 12 after the header",
            Refused(Craft("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 12)));

    [Theory]
    [InlineData("Q4")]
    [InlineData("f32")]
    [InlineData("F8_E4M3")]
    public void UnknownDType_IsRefused(string dtype) =>
        Assert.Contains($"tensor 'w': unknown or unsupported dtype '{dtype}'; expected one of F64, F32, F16, BF16, " +
            $"I64, I32",
            Refused(Craft($$$"""{"w":{"dtype":"{{{dtype}}}","shape":[2],"data_offsets":[0,2]}}""", 2)));

    [Theory]
    [InlineData("""{"w":{"shape":[2],"data_offsets":[0,8]}}""", "tensor 'w': missing string field 'dtype'")]
    [InlineData("""{"w":{"dtype":"F32","data_offsets":[0,8]}}""", "tensor 'w': missing array field 'shape'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""",
        "'shape' must hold non-negative integers, got -2")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""",
        "data_offsets must be [begin, end], got 1 numbers")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""",
        "data_offsets [8, 0] end before they begin")]
    [InlineData("""{"w":[1,2]}""", "tensor 'w': expected an object with dtype, shape and data_offsets, got Array")]
    [InlineData("""{"__metadata__":{"k":1}}""", "'__metadata__' entry 'k' must be a string, got Number")]
    [InlineData(
        """{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,""" +
            """8]}}""", "the header names 'w' twice")]
    public void MalformedEntries_AreRefused(string header, string expected) =>
        Assert.Contains(expected, Refused(Craft(header, 8)));

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() =>
            SafetensorsFile.Read(Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.safetensors")));
}
