using Recurrent.Sequences;
using Recurrent.Tests.Sequences;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// A checkpoint written onto a file system that runs out of space: a 1 MiB tmpfs (mounting needs root; the test
/// is skipped, saying so, where mount is not permitted) holds a run's checkpoint, is then filled, and the next save
/// fails with an IOException naming the file and saying the previous one is unchanged, which still resumes.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly string _mount = Directory.CreateTempSubdirectory("full-disk-").FullName;
    private readonly bool _mounted;

    public FullDiskTests() => _mounted = TmpfsFactAttribute.Mount(_mount) is null;

    public void Dispose()
    {
        if (_mounted) TmpfsFactAttribute.RunTool("umount", _mount);
        Directory.Delete(_mount, recursive: true);
    }

    [TmpfsFact]
    public void ACheckpointWrite_OnAFullDisk_FailsClearly_AndThePreviousCheckpointResumes()
    {
        Assert.True(_mounted, "the tmpfs mounted for the probe but not for the test");
        var data = SequenceTrainerTests.SignOfSum(16, 1);
        var options = new SequenceTrainerOptions { Epochs = 1, BatchSize = 8, CheckpointDirectory = _mount };
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 8, OutputSize = 2 },
            seed: 2);
        new SequenceTrainer(model, options).Fit(data);
        string last = Path.Combine(_mount, "last.safetensors"), state = Path.Combine(_mount, "last.state.safetensors");
        byte[] lastBefore = File.ReadAllBytes(last), stateBefore = File.ReadAllBytes(state);

        Fill(_mount);
        var e = Assert.Throws<IOException>(() =>
            SequenceTrainer.Resume(_mount, options with { Epochs = 2 }).Fit(data));
        Assert.Contains("the file there before is unchanged", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        File.Delete(Path.Combine(_mount, "filler"));
        Assert.Equal(lastBefore, File.ReadAllBytes(last));
        Assert.Equal(stateBefore, File.ReadAllBytes(state));
        Assert.Empty(Directory.GetFiles(_mount, "*.tmp"));
        var resumed = SequenceTrainer.Resume(_mount, options with { Epochs = 2 });
        resumed.Fit(data); // the space is back: the run continues from the checkpoint that survived
        Assert.NotEqual(lastBefore, File.ReadAllBytes(last));
    }

    private static void Fill(string directory)
    {
        using var filler = new FileStream(Path.Combine(directory, "filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true) filler.Write(block);
        }
        catch (IOException)
        {
            // full
        }
    }
}
