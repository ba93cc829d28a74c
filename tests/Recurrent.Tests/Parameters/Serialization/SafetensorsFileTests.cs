using System.Buffers.Binary;
using System.Text;
using Recurrent.Parameters.Serialization;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Parameters.Serialization;

/// <summary>Our writer's layout matches the format (aligned header, contiguous data in order) and our reader returns
/// what it wrote.</summary>
public class SafetensorsFileTests
{
    private static readonly Dictionary<string,
        string> SampleMetadata = new() { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" };

    private static SafetensorsFile Sample() => new(
    [
        SafetensorsTensor.From<double>("weight_ih_l0", [1.5, -2.25, 3e-300, double.MaxValue, -0.0, 7], [2, 3]),
        SafetensorsTensor.From<float>("bias_hh_l1_reverse", [0.1f, -0.2f, 1e-30f], [3], SafetensorsDType.F32),
        SafetensorsTensor.From<double>("half", [0.5, -1.25, 65504], [3], SafetensorsDType.F16),
        SafetensorsTensor.From<float>("scalar", [42f], []),
        SafetensorsTensor.From<float>("empty", [], [0, 4]),
    ], SampleMetadata);

    [Fact]
    public void ToBytes_HeaderIsPaddedWithSpacesToMultipleOf8_DataContiguousInOrder()
    {
        var bytes = Sample().ToBytes();
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, n % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.StartsWith("{\"__metadata__\":{", header);
        Assert.EndsWith("}", header.TrimEnd(' '));
        Assert.Contains("\"weight_ih_l0\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}", header);
        Assert.Contains("\"bias_hh_l1_reverse\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[48,60]}", header);
        Assert.Contains("\"scalar\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[66,70]}", header);
        Assert.Equal(8 + (long)n + 48 + 12 + 6 + 4, bytes.Length);
        Assert.Equal(1.5, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 + (int)n)), 0.0);
    }

    [Fact]
    public void RoundTrip_ThroughFile_KeepsNamesOrderShapesValuesAndMetadata()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recurrent-{Guid.NewGuid():N}.safetensors");
        try
        {
            var original = Sample();
            original.Write(path);
            var read = SafetensorsFile.Read(path);
            Assert.Equal(original.Tensors.Select(t => t.Name), read.Tensors.Select(t => t.Name));
            foreach (var t in original.Tensors)
            {
                Assert.Equal(t.DType, read[t.Name].DType);
                Assert.Equal(t.Shape, read[t.Name].Shape);
                Assert.True(t.Data.Span.SequenceEqual(read[t.Name].Data.Span),
                    $"{t.Name}: bytes differ after the round trip");
            }
            Assert.Equal(SampleMetadata, read.Metadata);
            Approx.Equal([1.5, -2.25, 3e-300, double.MaxValue, -0.0, 7], read["weight_ih_l0"].ToArray<double>(), 0,
                "F64 values");
            Approx.Equal([0.5, -1.25, 65504], read["half"].ToArray<double>(), 0, "F16 values");
            Assert.Equal([0, 4], read["empty"].ToTensor<float>().Shape);
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $".{Path.GetFileName(path)}.*.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_ReplacesExistingFileWhole()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recurrent-{Guid.NewGuid():N}.safetensors");
        try
        {
            File.WriteAllText(path, new string('x', 10_000));
            new SafetensorsFile([SafetensorsTensor.From<float>("w", [1f], [1])]).Write(path);
            Approx.Equal([1f], SafetensorsFile.Read(path)["w"].ToArray<float>(), 0, "w");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Float64IntoFloat_RoundsToNearest()
    {
        var t = SafetensorsTensor.From<double>("w", [0.1, 1.0 / 3], [2]);
        var floats = t.ToArray<float>();
        Approx.Equal([(float)0.1, (float)(1.0 / 3)], floats, 0, "rounded values");
    }

    [Fact]
    public void Constructor_RejectsDuplicateAndReservedNames()
    {
        var a = SafetensorsTensor.From<float>("a", [1f], [1]);
        Assert.Contains("used twice", Assert.Throws<ArgumentException>(() => new SafetensorsFile([a, a])).Message);
        var reserved = SafetensorsTensor.From<float>("__metadata__", [1f], [1]);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => new SafetensorsFile([reserved])).Message);
    }

    [Fact]
    public void From_RejectsWrongCountAndUnwritableDType()
    {
        Assert.Contains("expected 6 values for shape (2, 3), got 5",
            Assert.Throws<ArgumentException>(() => SafetensorsTensor.From<float>("w", new float[5], [2, 3])).Message);
        Assert.Contains("cannot write dtype I64",
            Assert.Throws<ArgumentException>(() =>
                SafetensorsTensor.From<float>("w", new float[1], [1], SafetensorsDType.I64)).Message);
    }

    [Fact]
    public void Indexer_UnknownName_ListsWhatTheFileHolds() =>
        Assert.Contains("no tensor named 'nope' (the file holds 5: 'weight_ih_l0'",
            Assert.Throws<KeyNotFoundException>(() => Sample()["nope"]).Message);
}
