using Recurrent.Forecasting;
using Recurrent.Sequences;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Forecasting;

/// <summary>
/// The forecaster: scaling round trips, windows never reach into the validation tail, a tiny LSTM learns a noisy sine
/// and beats the naive forecast on held-out windows, and the model file brings back the same forecasts.
/// </summary>
public sealed class ForecasterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("forecaster-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>50 + 10 sin(2πt/12) plus N(0, 0.5²)-ish uniform noise, seeded.</summary>
    internal static TimeSeries Sine(int length, int seed = 3, string name = "")
    {
        var rng = new Random(seed);
        return new TimeSeries(name, [.. Enumerable.Range(0, length).Select(t =>
            50 + 10 * Math.Sin(2 * Math.PI * t / 12) + (rng.NextDouble() - 0.5))]);
    }

    [Fact]
    public void SeriesScale_RoundTrips_AndStandardises()
    {
        double[] values = [1000, 1200, 900, 1100];
        var scale = SeriesScale.Fit(values);
        float[] z = scale.Apply(values);
        Approx.Equal(0, z.Average(), 1e-6, "mean of z");
        Approx.Equal(1, Math.Sqrt(z.Average(v => v * v)), 1e-6, "std of z");
        Approx.Equal(values, scale.Invert(z), 1e-3, "round trip (float32 z)"); // 1e-7 relative of 1000s
        Assert.Equal(1, SeriesScale.Fit([5, 5, 5]).Std); // a constant series is only shifted
    }

    [Fact]
    public void Datasets_KeepTheValidationTail_OutOfTheTrainingTargets()
    {
        var series = Sine(40);
        var forecaster = Forecaster.Create([series], new ForecasterOptions { Horizon = 3, Window = 5,
            ValidationWindows = 2 }, new SequenceModelOptions { HiddenSize = 4 });
        var (train, validation) = forecaster.Datasets([series]);
        // origins 5 … 40 − 6 − 3 = 31 train; 34 … 37 validate
        Assert.Equal(27, train.Count);
        Assert.Equal(4, validation!.Count);
        Assert.Equal("@31", train.Examples[^1].Id);
        Assert.Equal("@34", validation.Examples[0].Id);
        var scale = forecaster.ScaleOf("");
        Approx.Equal(SeriesScale.Fit(series.Values.AsSpan(0, 34)).Mean, scale.Mean, 1e-4,
            "scale fitted before the tail");
    }

    [Fact]
    public void ATooShortSeries_AndAHorizonOf0_AreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Forecaster.Create([Sine(10)],
            new ForecasterOptions { Horizon = 3, Window = 6 }, new SequenceModelOptions()));
        Assert.Contains("expected at least 12", e.Message);
        e = Assert.Throws<ArgumentException>(() => Forecaster.Create([Sine(10)], new ForecasterOptions(),
            new SequenceModelOptions()));
        Assert.Contains("Horizon", e.Message);
    }

    [Fact]
    public void ATinyLstm_LearnsASine_BetterThanNaive_AndItsFileForecastsTheSame()
    {
        var full = Sine(160);
        var train = full.Take(160 - 3 * 6); // the last 3 windows are the test
        var forecaster = Forecaster.Create([train], new ForecasterOptions { Horizon = 6, Window = 12, Season = 12 },
            new SequenceModelOptions { HiddenSize = 12 }, seed: 2);
        forecaster.Train([train], new SequenceTrainerOptions { Epochs = 40, LearningRate = 0.01, BatchSize = 16,
            CheckpointDirectory = _directory });
        var evaluation = forecaster.Evaluate([full], windows: 3);
        double model = evaluation.Model.Scores.Mase, naive = evaluation.Baselines[BaselineKind.Naive].Scores.Mase;
        Assert.True(model < 0.5 * naive, $"model MASE {model:F3}, naive {naive:F3}: expected under half");
        forecaster.Model.Save(Path.Combine(_directory, "model.safetensors"));
        var loaded = Forecaster.Load(Path.Combine(_directory, "model.safetensors"));
        Assert.Equal(forecaster.Options, loaded.Options);
        Assert.Equal(forecaster.Forecast(full), loaded.Forecast(full)); // same weights, same float path: bit for bit
    }

    [Fact]
    public void SeveralSeries_EachHasItsScale_AndAnUnknownOneIsRefused()
    {
        var a = Sine(40, 1, "a");
        var b = new TimeSeries("b", [.. a.Values.Select(v => 100 * v)]);
        var forecaster = Forecaster.Create([a, b], new ForecasterOptions { Horizon = 2, Window = 4 },
            new SequenceModelOptions { HiddenSize = 4 });
        Assert.Equal(["a", "b"], forecaster.SeriesNames);
        Approx.Equal(100 * forecaster.ScaleOf("a").Std, forecaster.ScaleOf("b").Std, 1e-6 * forecaster.ScaleOf("b").Std,
            "b is a scaled 100 times (scales are kept as float32)");
        var e = Assert.Throws<ArgumentException>(() => forecaster.Forecast(new TimeSeries("c", [1, 2, 3, 4])));
        Assert.Contains("series 'c' was not in the training data", e.Message);
    }

    [Fact]
    public void SeasonalDifferencing_LearnsOnlyTheCorrection_AndAZeroHeadIsTheSeasonalNaiveForecast()
    {
        var series = new TimeSeries("", [.. Enumerable.Range(0, 60).Select(t => (double)(t % 6) * (t % 6))]);
        var forecaster = Forecaster.Create([series], new ForecasterOptions { Horizon = 8, Window = 12, Season = 6,
            Differencing = Differencing.Seasonal }, new SequenceModelOptions { HiddenSize = 4 });
        var (train, _) = forecaster.Datasets([series]);
        foreach (var e in train.Examples) // a series that repeats every 6 steps leaves nothing to correct
            Approx.Equal(new float[8], e.Target.Values, 1e-6, $"target of {e.Id}");
        forecaster.Model.Parameters["head.weight"].Value.Span.Clear();
        forecaster.Model.Parameters["head.bias"].Value.Span.Clear();
        var history = series.Take(53);
        Approx.Equal(ForecastBaselines.Forecast(BaselineKind.SeasonalNaive, history.Values, 8, 6),
            forecaster.Forecast(history), 1e-4, "zero head = seasonal naive (float32 scaling)");
        Assert.Contains("\"differencing\":\"seasonal\"", forecaster.Options.ToJson());
    }

    [Fact]
    public void Quantiles_WidenTheHead_RepeatTheTarget_AndGiveSortedIntervals_WithCoverage()
    {
        var full = Sine(120, seed: 5);
        var train = full.Take(120 - 3 * 4);
        double[] levels = [0.1, 0.5, 0.9];
        var forecaster = Forecaster.Create([train], new ForecasterOptions { Horizon = 4, Window = 12, Season = 12,
            Quantiles = levels }, new SequenceModelOptions { HiddenSize = 8 }, seed: 4);
        Assert.Equal(12, forecaster.Model.Options.OutputSize); // H·Q
        var (examples, _) = forecaster.Datasets([train]);
        float[] target = examples.Examples[0].Target.Values!;
        Assert.Equal(target[..4], target[4..8]);
        Assert.Equal(target[..4], target[8..]);
        forecaster.Train([train], new SequenceTrainerOptions { Epochs = 30, LearningRate = 0.01, BatchSize = 16 });
        var q = forecaster.ForecastQuantiles([full])[0];
        for (int k = 0; k < 4; k++)
            Assert.True(q[0][k] <= q[1][k] && q[1][k] <= q[2][k], $"levels sorted at step {k}");
        Assert.Equal(q[1], forecaster.Forecast(full)); // the point forecast is the ½ level
        var evaluation = forecaster.Evaluate([full], windows: 3);
        var interval = evaluation.Interval!;
        Assert.Equal((0.1, 0.9), (interval.LowerLevel, interval.UpperLevel));
        Approx.Equal(0.8, interval.Nominal, 1e-12, "nominal");
        // coverage counted independently from the windows' own bounds
        var windows = evaluation.Model.Windows;
        double inside = windows.Sum(w => w.Actual.Where((y, k) => w.Lower![k] <= y && y <= w.Upper![k]).Count());
        Approx.Equal(inside / 12, interval.Coverage, 0, "coverage");
        Assert.True(interval.Coverage >= 0.5, $"coverage {interval.Coverage}: a trained 80% interval of a noisy " +
            "sine holds most values");
        Assert.EndsWith(",\"coverage\":{\"lower\":0.1,\"upper\":0.9,\"nominal\":0.8,\"observed\":" +
            interval.Coverage.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "}}",
            evaluation.ToJson());
        forecaster.Model.Save(Path.Combine(_directory, "q.safetensors"));
        var loaded = Forecaster.Load(Path.Combine(_directory, "q.safetensors"));
        Assert.Equal(forecaster.Options, loaded.Options);
        Assert.Equal(levels, loaded.Options.Quantiles);
    }

    [Fact]
    public void Quantiles_WithoutTheMedian_OrAnotherLoss_AreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Forecaster.Create([Sine(40)], new ForecasterOptions
            { Horizon = 2, Window = 4, Quantiles = [0.1, 0.9] }, new SequenceModelOptions { HiddenSize = 2 }));
        Assert.Contains("expected the level 0.5 among them", e.Message);
        var forecaster = Forecaster.Create([Sine(40)], new ForecasterOptions
            { Horizon = 2, Window = 4, Quantiles = [0.5] }, new SequenceModelOptions { HiddenSize = 2 });
        e = Assert.Throws<ArgumentException>(() => forecaster.Train([Sine(40)],
            new SequenceTrainerOptions { Epochs = 1, Loss = Recurrent.Losses.LossKind.MeanSquaredError }));
        Assert.Contains("pinball", e.Message);
    }

    /// <summary>y_t = x_{t−2} with x seeded noise: y's own past says nothing of its next 2 values, x's past says
    /// everything.</summary>
    private static TimeSeries LeadingIndicator(int length, int seed = 6)
    {
        var rng = new Random(seed);
        double[] x = [.. Enumerable.Range(0, length).Select(_ => rng.NextDouble())];
        double[] y = [.. Enumerable.Range(0, length).Select(t => t >= 2 ? 10 * x[t - 2] : 5)];
        return new TimeSeries("", y, null, [x]);
    }

    [Fact]
    public void ACovariatesPast_IsRead_AndItsFutureNever()
    {
        var full = LeadingIndicator(200);
        var train = full.Take(200 - 3 * 2);
        SequenceTrainerOptions trainer = new() { Epochs = 40, LearningRate = 0.01, BatchSize = 16 };
        var with = Forecaster.Create([train], new ForecasterOptions { Horizon = 2, Window = 4, Covariates = 1 },
            new SequenceModelOptions { HiddenSize = 8 }, seed: 3);
        Assert.Equal(2, with.Model.Options.InputSize);
        with.Train([train], trainer);
        var without = Forecaster.Create([new TimeSeries("", train.Values)], new ForecasterOptions { Horizon = 2,
            Window = 4 }, new SequenceModelOptions { HiddenSize = 8 }, seed: 3);
        without.Train([new TimeSeries("", train.Values)], trainer);
        double a = with.Evaluate([full], windows: 3).Model.Scores.Mae;
        double b = without.Evaluate([new TimeSeries("", full.Values)], windows: 3).Model.Scores.Mae;
        Assert.True(a < 0.5 * b, $"MAE with the covariate {a:F3}, without {b:F3}: expected under half");
        // the covariate after the origin (garbled here) is never read: the forecast is the same, bit for bit
        var history = full.Take(150);
        double[] garbled = [.. full.Covariates[0][..150], .. Enumerable.Repeat(1e6, 50)];
        var future = new TimeSeries("", full.Values, null, [garbled]);
        Assert.Equal(with.Forecast(history), with.Forecast(future.Take(150)));
        // the file keeps the covariate's scale
        with.Model.Save(Path.Combine(_directory, "c.safetensors"));
        var loaded = Forecaster.Load(Path.Combine(_directory, "c.safetensors"));
        Assert.Equal(with.Forecast(history), loaded.Forecast(history));
        Approx.Equal(SeriesScale.Fit(train.Covariates[0].AsSpan(0, train.Length - 2)).Mean,
            loaded.CovariateScalesOf("")[0].Mean, 1e-6, "covariate mean fitted before the validation tail");
    }

    [Fact]
    public void CalendarFeatures_AreDayOfWeekAndDayOfYear_AsSineAndCosine()
    {
        // 2024-01-01 was a Monday (d = 0, a = 0); 2024-01-04 a Thursday (d = 3, a = 3)
        var s = new TimeSeries("", [1, 2, 3, 4], ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]);
        float[] rows = ForecastInputs.Rows(s, [0.1f, 0.2f, 0.3f, 0.4f], [], calendar: true, start: 0, count: 4);
        Approx.Equal([0.1f, 0, 1, 0, 1], rows.AsSpan(0, 5), 1e-7, "Monday 1 January");
        double week = 2 * Math.PI * 3 / 7, year = 2 * Math.PI * 3 / 365.25;
        Approx.Equal([0.4f, (float)Math.Sin(week), (float)Math.Cos(week), (float)Math.Sin(year),
            (float)Math.Cos(year)], rows.AsSpan(15, 5), 1e-7, "Thursday 4 January");
        var e = Assert.Throws<ArgumentException>(() => ForecastInputs.Rows(new TimeSeries("", [1], ["1969"]), [0f],
            [], calendar: true, start: 0, count: 1));
        Assert.Contains("ISO dates (yyyy-MM-dd), got '1969' at step 1", e.Message);
    }

    [Fact]
    public void AnEnsemble_ForecastsTheMeanOfItsMembers_AndOneMemberIsTheForecasterItself()
    {
        var series = Sine(60);
        ForecasterOptions options = new() { Horizon = 3, Window = 6, Quantiles = [0.1, 0.5, 0.9] };
        var a = Forecaster.Create([series], options, new SequenceModelOptions { HiddenSize = 4 }, seed: 1);
        var b = Forecaster.Create([series], options, new SequenceModelOptions { HiddenSize = 4 }, seed: 2);
        var qa = a.ForecastQuantiles([series])[0];
        var qb = b.ForecastQuantiles([series])[0];
        var both = new ForecasterEnsemble([a, b]).ForecastQuantiles([series])[0];
        for (int q = 0; q < 3; q++)
            Approx.Equal(qa[q].Zip(qb[q], (x, y) => (x + y) / 2).ToArray(), both[q], 1e-12, $"level {q}");
        Assert.Equal(a.Forecast([series]), new ForecasterEnsemble([a]).Forecast([series]));
        Assert.Equal(a.Evaluate([series], 2).Model.Scores,
            new ForecasterEnsemble([a]).Evaluate([series], 2).Model.Scores);
        var other =
            Forecaster.Create([series], options with { Window = 5 }, new SequenceModelOptions { HiddenSize = 4 });
        var e = Assert.Throws<ArgumentException>(() => new ForecasterEnsemble([a, other]));
        Assert.Contains("member 2 forecasts differently from member 1", e.Message);
    }
}
