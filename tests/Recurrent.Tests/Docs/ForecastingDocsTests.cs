using Recurrent.Forecasting;
using Recurrent.Sequences;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Docs;

/// <summary>
/// The example of docs/forecasting.md compiles against the library as it is (it is copied below, and the test holds
/// the copy and the page equal). It is not run here: it trains on the real sunspot file; the pieces it calls are
/// tested in Recurrent.Tests.Forecasting on tiny series.
/// </summary>
public sealed class ForecastingDocsTests
{
    [Fact]
    public void TheDocsExample_IsTheCompiledCopy() =>
        DocSnippets.AssertPageCarriesCopy("docs/forecasting.md", null, "Docs/ForecastingDocsTests.cs",
            "docs/forecasting.md");

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
}
