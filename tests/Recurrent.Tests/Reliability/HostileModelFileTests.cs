using Recurrent.Models;
using Recurrent.Parameters.Serialization;
using Recurrent.Sequences;
using Recurrent.Training;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Crafted model files the fuzzers reach only by luck, and the inputs the fuzzers found crashing readers (kept under
/// Fixtures/hostile/, each refused now with an <see cref="InvalidDataException"/>).
/// </summary>
public sealed class HostileModelFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hostile-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> SafetensorsFixtures() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "hostile"), "*.safetensors")
            .Select(p => Path.GetFileName(p))];

    [Theory]
    [MemberData(nameof(SafetensorsFixtures))]
    public void AFileThatOnceCrashedAReader_IsRefusedByEveryReader(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "hostile", name);
        Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.Throws<InvalidDataException>(() => SequenceModel.Load(path));
        Assert.Throws<InvalidDataException>(() => CharLanguageModelCheckpoint.Load(path));
        Assert.Throws<InvalidDataException>(() => TrainingState.Load(path));
    }

    [Fact]
    public void AModelFile_WithNaNWeights_IsRefusedNamingTheParameter()
    {
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 3, OutputSize = 2 },
            seed: 1);
        model.Parameters["head.bias"].Value.Span[1] = float.NaN;
        string path = Path.Combine(_directory, "nan.safetensors");
        model.Save(path);
        var e = Assert.Throws<InvalidDataException>(() => SequenceModel.Load(path));
        Assert.Contains("head.bias holds NaN at element 1", e.Message);
    }

    [Fact]
    public void AModelFile_WhoseOptionsClaimAHugeNetwork_IsRefusedWithoutAllocatingIt()
    {
        string path = Path.Combine(_directory, "small.safetensors");
        new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 3, OutputSize = 2 }, seed: 1)
            .Save(path);
        var file = SafetensorsFile.Read(path);
        var metadata = file.Metadata.ToDictionary();
        metadata["options"] = metadata["options"].Replace("\"hidden_size\":3", "\"hidden_size\":1000000");
        Assert.Contains("1000000", metadata["options"]);
        new SafetensorsFile(file.Tensors, metadata).Write(path);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => SequenceModel.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("declare", e.Message);
        // Without the check this built a 4·10^6 × 10^6 weight: 16 TB. Limit: 1 MiB for a file of about 1 KB.
        Assert.True(allocated < 1 << 20, $"allocated {allocated:N0} bytes");
    }
}
