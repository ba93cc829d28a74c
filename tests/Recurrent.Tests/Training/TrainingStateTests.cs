using Recurrent.Data;
using Recurrent.Optimizers;
using Recurrent.Parameters;
using Recurrent.Parameters.Serialization;
using Recurrent.Tensors;
using Recurrent.Training;

namespace Recurrent.Tests.Training;

public sealed class TrainingStateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("training-state-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SaveLoad_RoundTripsEveryEntryExactly()
    {
        var adam = new Adam<float>(new AdamOptions(0.01));
        var values = new float[] { 0.1f, -0.2f, 0.3f };
        adam.Step(values, [0.01f, 0.5f, -0.3f]);
        adam.Step(values, [0.02f, -0.1f, 0.7f]);
        var rng = new ResumableRandom(77);
        rng.NextDouble();
        var hidden = Tensor<float>.From([1.5f, -2.25f, float.Epsilon, 1e-30f], 2, 2);
        LossPoint[] history = [new(1, 4.17, null), new(100, 2.0000000000000004, 2.1),
            new(200, double.NaN, double.PositiveInfinity)];

        var state = new TrainingState();
        state.Step = 2;
        state.Epoch = 1;
        state.Cursor = new BatchCursor(350, 1, 12);
        state.RandomState = rng.GetStateText();
        state.LossHistory = history;
        state.SetOptimizer(adam.ExportState());
        state.SetHidden("h_l0", hidden);
        state.SetJson("model", new { layers = 2, hidden = 128 });
        var path = Path.Combine(_directory, "state.safetensors");
        state.Save(path);

        var back = TrainingState.Load(path);
        Assert.Equal(2, back.Step);
        Assert.Equal(1, back.Epoch);
        Assert.Equal(new BatchCursor(350, 1, 12), back.Cursor);
        Assert.Equal(rng.NextUInt64(), ResumableRandom.FromStateText(back.RandomState).NextUInt64());
        var loaded = back.LossHistory;
        Assert.Equal(history.Length, loaded.Count);
        for (int i = 0; i < history.Length; i++)
        {
            Assert.Equal(history[i].Step, loaded[i].Step);
            Assert.True(
                BitConverter.DoubleToInt64Bits(history[i].TrainLoss) == BitConverter.DoubleToInt64Bits(
                loaded[i].TrainLoss), $"train loss {i}");
            Assert.True(history[i].ValidationLoss.HasValue == loaded[i].ValidationLoss.HasValue,
                $"validation loss {i} presence");
            if (history[i].ValidationLoss is double v)
                Assert.True(
                    BitConverter.DoubleToInt64Bits(v) == BitConverter.DoubleToInt64Bits(
                    loaded[i].ValidationLoss!.Value), $"validation loss {i}");
        }

        var optimizer = back.GetOptimizer<float>();
        var expected = adam.ExportState();
        Assert.Equal(expected.Step, optimizer.Step);
        foreach (var (name, vector) in expected.Vectors)
            Assert.True(vector.AsSpan().SequenceEqual(optimizer.Vectors[name]),
                $"optimizer vector {name} changed in the round trip");

        var restored = new Tensor<float>(2, 2);
        back.CopyHidden("h_l0", restored);
        Assert.True(hidden.Span.SequenceEqual(restored.Span), "hidden state changed in the round trip");
        Assert.Contains("\"layers\":2", back.GetMetadata("model"));
        Assert.Equal(TrainingState.FormatTag, SafetensorsFile.Read(path).Metadata["format"]);
        Assert.Equal(["optimizer.exp_avg", "optimizer.exp_avg_sq", "hidden.h_l0"], back.TensorNames);
    }

    [Fact]
    public void Load_WeightsFile_IsRefusedByTheFormatTag()
    {
        var path = Path.Combine(_directory, "weights.safetensors");
        new SafetensorsFile([SafetensorsTensor.From<float>("w", [1f], [1])]).Write(path);
        var e = Assert.Throws<InvalidDataException>(() => TrainingState.Load(path));
        Assert.Contains("has no 'format' metadata entry", e.Message);

        new SafetensorsFile([], new Dictionary<string, string> { ["format"] = "something-else/3" }).Write(path);
        Assert.Contains("has format 'something-else/3', expected 'recurrent-training-state/1'",
            Assert.Throws<InvalidDataException>(() => TrainingState.Load(path)).Message);

        Assert.Throws<FileNotFoundException>(() => TrainingState.Load(Path.Combine(_directory, "none.safetensors")));
    }

    [Fact]
    public void MissingOrMalformedEntries_SayWhichOne()
    {
        var path = Path.Combine(_directory, "partial.safetensors");
        var partial = new TrainingState();
        partial.Step = 5;
        partial.SetMetadata(TrainingState.CursorKey, "{\"position\":\"x\"}");
        partial.SetMetadata(TrainingState.LossHistoryKey, "[[1, 2.0]]");
        partial.Save(path);
        var state = TrainingState.Load(path);

        Assert.Contains("has no 'rng' entry", Assert.Throws<InvalidDataException>(() => state.RandomState).Message);
        Assert.Contains("entry 'cursor' is not a valid BatchCursor", Assert.Throws<InvalidDataException>(() =>
            state.Cursor).Message);
        Assert.Contains("entry 0 must be [step, train loss, validation loss or null]",
            Assert.Throws<InvalidDataException>(() => state.LossHistory).Message);
        Assert.Contains("has no tensor 'hidden.h_l0'", Assert.Throws<InvalidDataException>(() =>
            state.CopyHidden("h_l0", new Tensor<float>(1))).Message);
        Assert.Contains("has no 'optimizer.step' entry", Assert.Throws<InvalidDataException>(() =>
            state.GetOptimizer<float>()).Message);
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => state.Epoch).Message);
    }

    [Fact]
    public void CopyHidden_OtherShape_IsRefused()
    {
        var state = new TrainingState();
        state.SetHidden("h_l0", new Tensor<double>(4, 8));
        var e = Assert.Throws<InvalidDataException>(() => state.CopyHidden("h_l0", new Tensor<double>(2, 8)));
        Assert.Contains("has shape (4, 8), expected (2, 8)", e.Message);
    }

    [Fact]
    public void ResumeThroughTheFile_ContinuesTheOptimizerBitForBit()
    {
        var rng = new Random(3);
        var start = Enumerable.Range(0, 300).Select(_ => (float)rng.NextGaussian()).ToArray();
        var gradients = Enumerable.Range(0, 8).Select(_ =>
            Enumerable.Range(0, 300).Select(_ => (float)rng.NextGaussian()).ToArray()).ToArray();
        var straight = new RmsProp<float>(new RmsPropOptions(0.01, Momentum: 0.9, Centered: true));
        var expected = (float[])start.Clone();
        foreach (var g in gradients) straight.Step(expected, g);

        var first = new RmsProp<float>(new RmsPropOptions(0.01, Momentum: 0.9, Centered: true));
        var values = (float[])start.Clone();
        for (int k = 0; k < 3; k++) first.Step(values, gradients[k]);
        var state = new TrainingState();
        state.SetOptimizer(first.ExportState());
        var path = Path.Combine(_directory, "resume.safetensors");
        state.Save(path);

        var second = new RmsProp<float>(new RmsPropOptions(0.01, Momentum: 0.9, Centered: true));
        second.ImportState(TrainingState.Load(path).GetOptimizer<float>());
        for (int k = 3; k < gradients.Length; k++) second.Step(values, gradients[k]);
        Assert.True(expected.AsSpan().SequenceEqual(values), "resumed parameters differ from the uninterrupted run");
    }
}
