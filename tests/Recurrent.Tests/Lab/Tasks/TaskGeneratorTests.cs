using Recurrent.Tests.Support;
using Recurrent.Lab.Tasks;

namespace Recurrent.Tests.Lab.Tasks;

/// <summary>The adding problem's and the copy task's data, and their baselines measured on samples against the
/// formulas.</summary>
public class TaskGeneratorTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(50)]
    public void Adding_HasOneMarkerPerHalfAndTheirSumAtTheLastStep(int length)
    {
        var task = new AddingProblem(length);
        var batch = task.CreateBatch(64);
        task.Fill(batch, new Random(length));
        int rows = batch.BatchSize, half = length / 2;
        for (int b = 0; b < rows; b++)
        {
            var marked = new List<int>();
            double sum = 0;
            for (int t = 0; t < length; t++)
            {
                float value = batch.Inputs[t, b, 0], marker = batch.Inputs[t, b, 1];
                Assert.InRange(value, 0f, 1f);
                Assert.True(Math.Abs(marker) < 1e-6 || Math.Abs(marker - 1) < 1e-6,
                    $"marker {marker} at step {t} of row {b}");
                if (marker > 0.5f) { marked.Add(t); sum += value; }
            }
            Assert.Equal(2, marked.Count);
            Assert.True(marked[0] < half && marked[1] >= half,
                $"markers at {marked[0]} and {marked[1]}, half = {half}");
            for (int t = 0; t < length; t++)
            {
                int r = t * rows + b;
                bool last = t == length - 1;
                Assert.True(batch.Mask.Span[r] > 0.5f == last, $"mask {batch.Mask.Span[r]} at step {t} of row {b}");
                if (last) Approx.Equal(sum, batch.Values![r, 0], 1e-6, "target");
            }
        }
    }

    [Fact]
    public void Adding_PredictingTheMean_ScoresOneSixth()
    {
        // The best input-blind prediction is the sample mean; its MSE is the sample variance of the target.
        var task = new AddingProblem(10);
        var batch = task.CreateBatch(1000);
        var targets = new List<double>();
        var rng = new Random(3);
        for (int i = 0; i < 20; i++)
        {
            task.Fill(batch, rng);
            for (int b = 0; b < batch.BatchSize; b++) targets.Add(batch.Values![9 * batch.BatchSize + b, 0]);
        }
        double mean = targets.Average(), mse = targets.Average(y => (y - mean) * (y - mean));
        // 20,000 samples: the standard error of the variance is about √(Var((y−μ)²)/n) ≈ 0.0011; allow 5 of them.
        Approx.Equal(1.0, mean, 0.01, "mean target");
        Approx.Equal(task.Baseline, mse, 0.006, "MSE of predicting the mean");
        Approx.Equal(1.0 / 6.0, task.Baseline, 1e-12, "baseline formula");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(30)]
    public void Copy_LaysOutSymbolsBlanksDelimiterAndTheCopy(int gap)
    {
        var task = new CopyTask(gap);
        var batch = task.CreateBatch(16);
        task.Fill(batch, new Random(gap));
        int rows = batch.BatchSize, steps = gap + 20;
        Assert.Equal(steps, batch.Steps);
        for (int b = 0; b < rows; b++)
        {
            var input = new int[steps];
            for (int t = 0; t < steps; t++)
            {
                int hot = -1, ones = 0;
                for (int k = 0; k < task.InputSize; k++) if (batch.Inputs[t, b, k] > 0.5f) { hot = k; ones++; }
                Assert.Equal(1, ones);
                input[t] = hot;
                Assert.True(batch.Mask.Span[t * rows + b] > 0.5f, $"step {t} of row {b} is not counted");
            }
            for (int t = 0; t < 10; t++) Assert.InRange(input[t], 0, CopyTask.Categories - 1);
            for (int t = 10; t < gap + 9; t++) Assert.Equal(CopyTask.Blank, input[t]);
            Assert.Equal(CopyTask.Delimiter, input[gap + 9]);
            for (int t = gap + 10; t < steps; t++) Assert.Equal(CopyTask.Blank, input[t]);
            for (int t = 0; t < gap + 10; t++) Assert.Equal(CopyTask.Blank, batch.Classes![t * rows + b]);
            for (int s = 0; s < 10; s++) Assert.Equal(input[s], batch.Classes![(gap + 10 + s) * rows + b]);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void Copy_BestMemorylessPrediction_ScoresTenLn8OverTPlus20(int gap)
    {
        // The best input-blind predictor at step t is the marginal distribution of the target there; estimate it from
        // samples and score it on fresh ones: blanks cost nothing, each copied symbol costs about ln 8.
        var task = new CopyTask(gap);
        int steps = task.Steps, classes = task.Outputs;
        var counts = new double[steps, classes];
        var batch = task.CreateBatch(500);
        var rng = new Random(11);
        for (int i = 0; i < 8; i++)
        {
            task.Fill(batch, rng);
            for (int t = 0; t < steps; t++)
                for (int b = 0; b < batch.BatchSize; b++) counts[t, batch.Classes![t * batch.BatchSize + b]]++;
        }
        task.Fill(batch, rng);
        double nats = 0;
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < batch.BatchSize; b++)
                nats -= Math.Log(counts[t, batch.Classes![t * batch.BatchSize + b]] / (8.0 * batch.BatchSize));
        nats /= steps * batch.BatchSize;
        Approx.Equal(10 * Math.Log(8) / (gap + 20), task.Baseline, 1e-12, "baseline formula");
        Approx.Equal(task.Baseline, nats, 0.02 * task.Baseline, "cross-entropy of the per-step marginals");
    }

    [Fact]
    public void Generators_AreReproducibleFromTheSeed()
    {
        foreach (ISequenceTask task in new ISequenceTask[] { new AddingProblem(12), new CopyTask(4) })
        {
            var a = task.CreateBatch(8);
            var b = task.CreateBatch(8);
            task.Fill(a, new Random(5));
            task.Fill(b, new Random(5));
            Approx.Equal(a.Inputs.Span, b.Inputs.Span, 0, task.Name);
        }
    }

    [Fact]
    public void Lengths_BelowTheMinimum_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddingProblem(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CopyTask(0));
    }
}
