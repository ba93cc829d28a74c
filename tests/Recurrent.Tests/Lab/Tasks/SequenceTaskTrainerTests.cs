using Recurrent.Tests.Support;
using Recurrent.Layers.Recurrent;
using Recurrent.Lab.Tasks;

namespace Recurrent.Tests.Lab.Tasks;

/// <summary>Tiny seeded training runs: the gated cells learn what the baseline cannot, and runs are
/// reproducible.</summary>
public class SequenceTaskTrainerTests
{
    [Fact]
    public void Lstm_OnAShortAddingProblem_BeatsTheBaseline()
    {
        var options =
            new SequenceTaskOptions { Task = "adding", Model = CellKind.Lstm, Length = 10, Steps = 1500, Hidden = 12,
            BatchSize = 16, TestCount = 128 };
        var outcome = SequenceTaskTrainer.Run(options);
        Assert.True(outcome.Metric < 0.2 * outcome.Baseline,
            $"test MSE {outcome.Metric:G4} vs baseline {outcome.Baseline:G4}");
        Assert.Equal(1500, outcome.Curve.Points[^1].Step);
    }

    [Fact]
    public void Gru_OnAShortCopyTask_BeatsTheBaseline()
    {
        var options =
            new SequenceTaskOptions { Task = "copy", Model = CellKind.Gru, Length = 2, Steps = 1200, Hidden = 24,
            BatchSize = 16, TestCount = 64 };
        var outcome = SequenceTaskTrainer.Run(options);
        Assert.True(outcome.Metric < 0.9 * outcome.Baseline,
            $"test cross-entropy {outcome.Metric:G4} vs baseline {outcome.Baseline:G4}");
    }

    [Fact]
    public void Lstm_LearnsParity_OnLongerStringsThanItTrainedOn()
    {
        var options =
            SequenceTaskOptions.For("parity") with { Length = 30, Steps = 600, TestCount = 100, Model = CellKind.Lstm };
        var outcome = SequenceTaskTrainer.Run(options);
        Assert.Equal(0.5, outcome.Baseline, 12);
        Assert.True(outcome.Metric < 0.3, $"share of wrong 30-bit strings {outcome.Metric:G4}");
    }

    [Fact]
    public void SameSeed_GivesTheSameRun()
    {
        var options =
            new SequenceTaskOptions { Task = "adding", Model = CellKind.Rnn, Length = 6, Steps = 20, Hidden = 4,
            BatchSize = 4, TestCount = 8 };
        var a = SequenceTaskTrainer.Run(options);
        var b = SequenceTaskTrainer.Run(options);
        Approx.Equal(a.Metric, b.Metric, 0, "test metric");
        Approx.Equal(a.Curve.Points.Select(p => p.TrainLoss).ToArray(), b.Curve.Points.Select(p =>
            p.TrainLoss).ToArray(), 0, "curve");
    }

    [Fact]
    public void Comparison_RunsEveryModelAtEveryLength_AndWritesTheTableAndCharts()
    {
        var options = new SequenceTaskOptions { Task = "adding", Steps = 4, Hidden = 3, BatchSize = 2, TestCount = 2 };
        var outcomes = TaskComparison.Run(options, [4, 6]);
        Assert.Equal(["rnn", "lstm", "gru", "rnn", "lstm", "gru"], outcomes.Select(o => o.ModelName));
        Assert.Equal([4, 4, 4, 6, 6, 6], outcomes.Select(o => o.Length));
        string dir = Path.Combine(Path.GetTempPath(), $"task-compare-{Guid.NewGuid():N}");
        try
        {
            var files = TaskReportFiles.Write(dir, outcomes, table: true);
            Assert.Equal(6 + 2 + 2, files.Count);
            string md = File.ReadAllText(Path.Combine(dir, "results.md"));
            var tableRows = md.Split('\n').Where(line => line.StartsWith('|')).ToArray();
            Assert.Equal(2 + 6, tableRows.Length); // header, rule, one row per run
            Assert.Contains("](curves-T4.svg)", md);
            Assert.Contains("](curves-T6.svg)", md);
            Assert.Contains("](curve-gru-T6.csv)", md);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "curves-T6.svg")));
            Assert.StartsWith("task,model,length", File.ReadAllText(Path.Combine(dir, "results.csv")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
