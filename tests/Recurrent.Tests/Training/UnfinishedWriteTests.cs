using Recurrent.Sequences;
using Recurrent.Tests.Sequences;

namespace Recurrent.Tests.Training;

/// <summary>
/// A kill during an atomic write leaves its temporary file (".{name}.{32 hex}.tmp", as large as the file being
/// written) and no cleanup runs; the kill harness found one left per kill during a checkpoint write, so a run killed
/// and resumed often filled its folder with them. A resume now deletes them, and nothing else.
/// </summary>
public sealed class UnfinishedWriteTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("unfinished-writes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AResume_DeletesTheTemporaryFilesOfKilledWrites_AndNothingElse()
    {
        var options = new SequenceTrainerOptions { Epochs = 1, BatchSize = 4, CheckpointDirectory = _directory };
        var architecture = new SequenceModelOptions { InputSize = 2, HiddenSize = 2, OutputSize = 2 };
        var train = SequenceTrainerTests.SignOfSum(8, 2);
        new SequenceTrainer(new SequenceModel(architecture, seed: 1), options).Fit(train);
        string[] killed =
        [
            $".last.pending.safetensors.{Guid.NewGuid():N}.tmp", $".last.state.safetensors.{Guid.NewGuid():N}.tmp",
            $".best.safetensors.{Guid.NewGuid():N}.tmp",
        ];
        string[] others = ["notes.tmp", ".keep.tmp", ".a.not-a-guid.tmp", $"a.{Guid.NewGuid():N}.tmp"];
        foreach (string name in killed.Concat(others)) File.WriteAllText(Path.Combine(_directory, name), "partial");
        byte[] weights = File.ReadAllBytes(Path.Combine(_directory, "last.safetensors"));

        var resumed = SequenceTrainer.Resume(_directory, options with { Epochs = 2 });

        Assert.Equal(2, resumed.Step);
        foreach (string name in killed) Assert.False(File.Exists(Path.Combine(_directory, name)), name);
        foreach (string name in others) Assert.True(File.Exists(Path.Combine(_directory, name)), name);
        Assert.Equal(weights, File.ReadAllBytes(Path.Combine(_directory, "last.safetensors")));
    }
}
