using Recurrent.Forecasting;
using Recurrent.Sequences;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Docs;

/// <summary>
/// The examples of docs/forecasting.md compile against the library as it is (they are copied below, and the test
/// holds each copy and its block of the page equal). They are not run here: they train on the real files; the pieces
/// they call are tested in Recurrent.Tests.Forecasting on tiny series.
/// </summary>
public sealed class ForecastingDocsTests
{
    [Theory]
    [InlineData(null, "docs/forecasting.md")]
    [InlineData("- **Resuming**", "docs/forecasting.md, intervals")]
    public void TheDocsExample_IsTheCompiledCopy(string? after, string marker) =>
        DocSnippets.AssertPageCarriesCopy("docs/forecasting.md", after, "Docs/ForecastingDocsTests.cs", marker);

    internal static double[] Example()
    {
        // --- docs/forecasting.md ---
        var columns = new TimeSeriesCsvOptions { ValueColumn = "SUNACTIVITY", DateColumn = "YEAR" };
        var full = TimeSeriesCsvReader.Read("data/timeseries/sunspots.csv", columns); // one series, 1700–2008
        var train = new[] { full[0].Take(full[0].Length - 5 * 11) };                   // without the 5 test windows

        var forecaster = Forecaster.Create(train, new ForecasterOptions
        {
            Horizon = 11, Season = 11, Window = 44, ValidationWindows = 4, Columns = columns,
        }, new SequenceModelOptions { Cell = Recurrent.Layers.Recurrent.CellKind.Gru, HiddenSize = 16 });
        forecaster.Train(train, new SequenceTrainerOptions
        {
            Epochs = 200, Patience = 15, LearningRate = 3e-3, CheckpointDirectory = "out/sunspots",
        });

        var best = Forecaster.Load("out/sunspots");                   // best.safetensors: the best validation epoch
        ForecastEvaluation evaluation = best.Evaluate(full, windows: 5); // the model and every baseline
        Console.Write(evaluation.ToText());
        double[] next = best.Forecast(full[0]);                       // 2009–2019
        // --- end of snippet ---
        return next;
    }

    internal static ForecastInterval Intervals()
    {
        // --- docs/forecasting.md, intervals ---
        // births.csv: the US births file with an ISO date column added (yyyy-MM-dd)
        var columns = new TimeSeriesCsvOptions { ValueColumn = "births", DateColumn = "date" };
        var full = TimeSeriesCsvReader.Read("births.csv", columns);
        var train = new[] { full[0].Take(full[0].Length - 5 * 28) };  // without the 5 test windows
        var forecaster = Forecaster.Create(train, new ForecasterOptions
        {
            Horizon = 28, Season = 7, ValidationWindows = 2, Differencing = Differencing.Seasonal, Calendar = true,
            Quantiles = [0.1, 0.5, 0.9], Columns = columns,
        }, new SequenceModelOptions { HiddenSize = 32 });
        forecaster.Train(train, new SequenceTrainerOptions { Epochs = 200, Patience = 15, LearningRate = 3e-3 });
        double[][] levels = forecaster.ForecastQuantiles(full)[0];    // [level][step]: 10%, 50%, 90%
        ForecastInterval interval = forecaster.Evaluate(full).Interval!; // interval.Coverage vs interval.Nominal
        // --- end of snippet ---
        Assert.Equal(3, levels.Length);
        return interval;
    }
}
