using System.Runtime.InteropServices;
using Recurrent.Layers.Recurrent;
using Recurrent.Training;

namespace Recurrent.Tests.Training;

/// <summary>The trainer: exact resume, the divergence guard, refusals of an incompatible resume, and its
/// files.</summary>
public sealed class CharModelTrainerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("charlm-train-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(CellKind.Lstm)] // with dropout: the RNG state must carry over
    [InlineData(CellKind.Gru)]
    public void StoppedAndResumed_EndsWithTheWeightsOfTheStraightRun_BitForBit(CellKind model)
    {
        // 14 steps cross an epoch boundary (11 batches per epoch here), so the state reset at the wrap is covered too.
        const int total = 14, half = 7;
        var data = TinyTraining.Data();
        string straight = Path.Combine(_directory, "straight"), split = Path.Combine(_directory, "split");
        CharModelTrainer.Start(data, TinyTraining.Options(model, total), straight).Train();

        var first = CharModelTrainer.Start(data, TinyTraining.Options(model, half), split);
        first.Train();
        var resumed = CharModelTrainer.Resume(data, TinyTraining.Options(model, total), split, split);
        Assert.Equal(half, resumed.Step);
        var report = resumed.Train();

        Assert.Equal(total, report.Steps);
        Assert.Equal(half, report.StepsThisRun);
        // Bit-for-bit equality is the claim, so compare the raw bytes of the weight files (not floats with ==).
        Assert.True(File.ReadAllBytes(Path.Combine(straight, "last.safetensors")).AsSpan()
            .SequenceEqual(File.ReadAllBytes(Path.Combine(split, "last.safetensors"))),
                "weights differ after a resume");
        var a = TrainingState.Load(Path.Combine(straight, "last.state.safetensors"));
        var b = TrainingState.Load(Path.Combine(split, "last.state.safetensors"));
        Assert.Equal(a.Cursor, b.Cursor);
        Assert.Equal(a.RandomState, b.RandomState);
        var ma = MemoryMarshal.AsBytes<float>(a.GetOptimizer<float>().Vectors["square_avg"]);
        var mb = MemoryMarshal.AsBytes<float>(b.GetOptimizer<float>().Vectors["square_avg"]);
        Assert.True(ma.SequenceEqual(mb), "optimizer state differs after a resume");
    }

    [Fact]
    public void Divergence_StopsWithAClearMessage_AndLeavesTheLastCheckpointIntact()
    {
        var data = TinyTraining.Data();
        CharModelTrainer.Start(data, TinyTraining.Options(maxSteps: 4), _directory).Train();
        var before = TinyTraining.Snapshot(_directory);

        var absurd = TinyTraining.Options(maxSteps: 12) with { LearningRate = 1000, GradientClip = 0 };
        var trainer = CharModelTrainer.Resume(data, absurd, _directory, _directory);
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Train());

        Assert.Contains("diverged", e.Message);
        Assert.Contains("intact", e.Message);
        // the library's option names, never the CLI's flags
        Assert.Contains("Try a lower LearningRate (now 1E+03) or a GradientClip.", e.Message);
        Assert.DoesNotContain("--", e.Message);
        Assert.Equal(1000, e.LearningRate);
        Assert.StartsWith(e.Diagnosis, e.Message);
        TinyTraining.AssertUnchanged(before, _directory);
    }

    [Fact]
    public void Resume_WithAnotherCorpusOrShape_IsRefusedNamingTheDifference()
    {
        CharModelTrainer.Start(TinyTraining.Data(), TinyTraining.Options(maxSteps: 4), _directory).Train();
        var before = TinyTraining.Snapshot(_directory);

        var corpus = Assert.Throws<InvalidDataException>(() =>
            CharModelTrainer.Resume(TinyTraining.Data(TinyTraining.OtherText), TinyTraining.Options(maxSteps: 8),
                _directory, _directory));
        Assert.Contains("corpus", corpus.Message);
        var shape = Assert.Throws<InvalidDataException>(() =>
            CharModelTrainer.Resume(TinyTraining.Data(), TinyTraining.Options(maxSteps: 8) with { HiddenSize = 16 },
                _directory, _directory));
        Assert.Contains("hidden: saved 8, now 16", shape.Message);
        TinyTraining.AssertUnchanged(before, _directory);
    }

    [Fact]
    public void WeightsFromAnotherSave_AreRefused()
    {
        var data = TinyTraining.Data();
        string other = Path.Combine(_directory, "other");
        CharModelTrainer.Start(data, TinyTraining.Options(maxSteps: 4), _directory).Train();
        CharModelTrainer.Start(data, TinyTraining.Options(maxSteps: 5), other).Train();
        File.Copy(Path.Combine(other, "last.safetensors"), Path.Combine(_directory, "last.safetensors"),
            overwrite: true);

        var e = Assert.Throws<InvalidDataException>(() =>
            CharModelTrainer.Resume(data, TinyTraining.Options(maxSteps: 8), _directory, _directory));
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void Train_ReportsProgress_AndWritesCurveCsvAndSample()
    {
        var reports = new List<CharTrainingProgress>();
        var data = TinyTraining.Data();
        var report = CharModelTrainer.Start(data, TinyTraining.Options(maxSteps: 9), _directory)
            .Train(new Support.SyncProgress<CharTrainingProgress>(reports.Add));

        Assert.Equal(9, reports.Count);
        Assert.All(reports, p => Assert.True(double.IsFinite(p.TrainLoss) && p.GradientNorm > 0 && p.UpdateRatio > 0));
        Assert.Equal(2, reports.Count(p => p.ValidationLoss is not null));  // steps 4 and 8
        Assert.Equal(3, reports.Count(p => p.Sample is not null));          // steps 3, 6 and 9
        var csv = File.ReadAllLines(report.Files.CurveCsv);
        Assert.Equal("step,train_loss,val_loss", csv[0]);
        Assert.EndsWith(",", csv[1]);                 // step 2: train loss only
        Assert.StartsWith("9,", csv[^1]);             // the final validation
        Assert.Equal(40, File.ReadAllText(report.Files.Sample).EnumerateRunes().Count());
        Assert.True(report.ValidationLoss < Math.Log(data.Vocabulary.Count) + 0.5,
            $"validation loss {report.ValidationLoss}");
    }
}
