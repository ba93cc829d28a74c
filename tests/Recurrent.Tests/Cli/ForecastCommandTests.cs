using System.Globalization;
using System.Text;
using System.Text.Json;
using Recurrent.Forecasting;
using Recurrent.Tests.Data;

namespace Recurrent.Tests.Cli;

/// <summary>
/// <c>recurrent forecast train|eval|predict</c> on a tiny yearly sine (H = 4, a few epochs of a 4-unit LSTM, about a
/// second): train on the file without its last windows, eval on the full file prints the promised JSON shape and
/// writes the plot, predict gives the next H values with their years; bad input is one clear line, exit 2, nothing
/// overwritten.
/// </summary>
public sealed class ForecastCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Sine(int length, Func<int, string>? value = null)
    {
        var csv = new StringBuilder("year,level\n");
        for (int t = 0; t < length; t++)
            csv.Append(1900 + t).Append(',').Append(value?.Invoke(t) ?? (50 + 10 * Math.Sin(2 * Math.PI * t / 8))
                .ToString("F3", CultureInfo.InvariantCulture)).Append('\n');
        return csv.ToString();
    }

    private string[] Train(string data, string output, params string[] more) =>
    [
        "forecast", "train", "--data", data, "--column", "level", "--date-column", "year", "--horizon", "4",
        "--season", "8", "--window", "8", "--hidden", "4", "--epochs", "3", "--out", output, .. more,
    ];

    [Fact]
    public void TrainEvalPredict_EndToEnd_JsonShape_Plot_AndDatedForecasts()
    {
        string train = _files.Write("train.csv", Sine(60)), full = _files.Write("full.csv", Sine(60 + 3 * 4));
        string output = _files.PathOf("run");
        var (code, text, err) = CliHarness.Run(Train(train, output));
        Assert.True(code == 0, err);
        Assert.Contains("45 training and 1 validation windows", text); // origins 8 … 52; V = 1: origin 56
        (code, text, err) = CliHarness.Run("forecast", "eval", "--checkpoint", output, "--data", full,
            "--test-windows", "3", "--json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(["model", "baselines", "windows", "horizon"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, root.GetProperty("windows").GetInt32());
        Assert.Equal(4, root.GetProperty("horizon").GetInt32());
        Assert.Equal(["mae", "rmse", "smape", "mase"], root.GetProperty("model").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["naive", "seasonal_naive", "drift", "mean"],
            root.GetProperty("baselines").EnumerateObject().Select(p => p.Name));
        // a pure sine of period 8 repeats exactly: the seasonal-naive forecast is perfect
        Assert.Equal(0, root.GetProperty("baselines").GetProperty("seasonal_naive").GetProperty("mae").GetDouble());
        string plot = Path.Combine(output, "forecast-eval.svg");
        Assert.Contains("seasonal naive (m = 8)", File.ReadAllText(plot));
        (code, text, err) = CliHarness.Run("forecast", "predict", "--checkpoint", output, "--data", full);
        Assert.True(code == 0, err);
        string[] lines = text.TrimEnd().Split('\n');
        Assert.Equal("step,date,forecast", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("4,1975,", lines[4]); // the file ends in 1971
    }

    [Fact]
    public void Eval_PrintsATable_WithEveryBaseline_AndTheVerdict()
    {
        string train = _files.Write("train.csv", Sine(60)), output = _files.PathOf("run");
        Assert.Equal(0, CliHarness.Run(Train(train, output)).Code);
        var (code, text, err) = CliHarness.Run("forecast", "eval", "--checkpoint", output, "--data", train,
            "--test-windows", "2", "--plot", _files.PathOf("p.svg"));
        Assert.True(code == 0, err);
        foreach (var name in new[] { "model", "naive", "seasonal_naive", "drift", "mean", "vs the best baseline" })
            Assert.Contains(name, text);
        Assert.True(File.Exists(_files.PathOf("p.svg")));
    }

    [Fact]
    public void ANonNumericValue_NamesItsRowAndColumn()
    {
        string data = _files.Write("bad.csv", Sine(60, t => t == 7 ? "n/a!" : "1"));
        CliHarness.AssertBadInput("bad.csv:9:6: column 'level': expected a finite number, got \"n/a!\"",
            Train(data, _files.PathOf("run")));
        Assert.False(Directory.Exists(_files.PathOf("run")));
    }

    [Fact]
    public void AMissingValue_IsAnError_NotFilled() =>
        CliHarness.AssertBadInput("bad.csv:4:6: column 'level': missing value (an empty field)",
            Train(_files.Write("bad.csv", Sine(60, t => t == 2 ? "" : "1")), _files.PathOf("run")));

    [Fact]
    public void ATooShortSeries_SaysHowLongItMustBe() =>
        CliHarness.AssertBadInput("has 12 values, too short for a window of 8 + a horizon of 4 + 1 validation " +
            "window(s) of 4: expected at least 16", Train(_files.Write("short.csv", Sine(12)), _files.PathOf("run")));

    [Fact]
    public void AHorizonOf0_IsRefused()
    {
        var args = Train(_files.Write("s.csv", Sine(60)), _files.PathOf("run"));
        args[Array.IndexOf(args, "--horizon") + 1] = "0";
        CliHarness.AssertBadInput("--horizon must be a positive integer, got 0", args);
    }

    [Fact]
    public void AnUnknownColumn_IsNamed()
    {
        var args = Train(_files.Write("s.csv", Sine(60)), _files.PathOf("run"));
        args[Array.IndexOf(args, "--column") + 1] = "height";
        CliHarness.AssertBadInput("expected a column 'height' (the values) in the header, got [year, level]", args);
    }

    [Fact]
    public void AnExistingRun_IsNeverOverwritten()
    {
        string data = _files.Write("s.csv", Sine(60)), output = _files.PathOf("run");
        Assert.Equal(0, CliHarness.Run(Train(data, output)).Code);
        byte[] before = File.ReadAllBytes(Path.Combine(output, "best.safetensors"));
        CliHarness.AssertBadInput("already holds a run", Train(data, output));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(output, "best.safetensors")));
    }

    [Fact]
    public void Eval_RefusesTooFewValuesForItsWindows()
    {
        string data = _files.Write("s.csv", Sine(60)), output = _files.PathOf("run");
        Assert.Equal(0, CliHarness.Run(Train(data, output)).Code);
        CliHarness.AssertBadInput("too short for 20 test windows", "forecast", "eval", "--checkpoint", output,
            "--data", data, "--test-windows", "20");
    }
    [Fact]
    public void Resume_ContinuesTheRun_ToTheUninterruptedWeights_BitForBit()
    {
        string data = _files.Write("s.csv", Sine(60));
        string whole = _files.PathOf("whole"), parts = _files.PathOf("parts");
        var run = Train(data, whole);
        run[Array.IndexOf(run, "--epochs") + 1] = "6";
        Assert.Equal(0, CliHarness.Run(run).Code);
        Assert.Equal(0, CliHarness.Run(Train(data, parts)).Code); // 3 epochs, then 3 more
        var (code, text, err) = CliHarness.Run("forecast", "train", "--data", data, "--column", "level", "--hidden",
            "4", "--epochs", "6", "--resume", parts);
        Assert.True(code == 0, err);
        Assert.Contains("(last, --resume continues it)", text);
        float[] expected = Forecaster.Load(Path.Combine(whole, "last.safetensors")).Model.Parameters.Values.ToArray();
        float[] actual = Forecaster.Load(Path.Combine(parts, "last.safetensors")).Model.Parameters.Values.ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Resume_RefusesAFolderWithoutARun_AndAnotherHorizon()
    {
        string data = _files.Write("s.csv", Sine(60)), output = _files.PathOf("run");
        CliHarness.AssertBadInput("holds no run to continue", "forecast", "train", "--data", data, "--column",
            "level", "--resume", output);
        Assert.Equal(0, CliHarness.Run(Train(data, output)).Code);
        CliHarness.AssertBadInput("--resume: the run forecasts H = 4, --horizon gives 5", "forecast", "train",
            "--data", data, "--column", "level", "--horizon", "5", "--resume", output);
    }

    [Fact]
    public void Quantiles_EvalReportsCoverage_PredictWritesTheLevels_AndThePlotHasTheBand()
    {
        string train = _files.Write("train.csv", Sine(60)), full = _files.Write("full.csv", Sine(60 + 2 * 4));
        string output = _files.PathOf("run");
        var (code, text, err) = CliHarness.Run(Train(train, output, "--quantiles", "0.1,0.5,0.9"));
        Assert.True(code == 0, err);
        Assert.Contains("quantiles 0.1, 0.5, 0.9", text);
        Assert.Contains("validation pinball loss", text);
        (code, text, err) = CliHarness.Run("forecast", "eval", "--checkpoint", output, "--data", full,
            "--test-windows", "2", "--json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(["model", "baselines", "windows", "horizon", "coverage"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        var coverage = json.RootElement.GetProperty("coverage");
        Assert.Equal(0.8, coverage.GetProperty("nominal").GetDouble(), 12);
        double observed = coverage.GetProperty("observed").GetDouble();
        Assert.InRange(observed, 0, 1);
        Assert.Equal(0, observed * 8 % 1, 12); // a count of the 2 × 4 values
        Assert.Contains("<polygon", File.ReadAllText(Path.Combine(output, "forecast-eval.svg")));
        (code, text, err) = CliHarness.Run("forecast", "predict", "--checkpoint", output, "--data", full);
        Assert.True(code == 0, err);
        string[] lines = text.TrimEnd().Split('\n');
        Assert.Equal("step,date,forecast,q0.1,q0.5,q0.9", lines[0]);
        foreach (string line in lines[1..])
        {
            double[] v = [.. line.Split(',')[2..].Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
            Assert.Equal(v[0], v[2]); // the forecast is the 0.5 level
            Assert.True(v[1] <= v[2] && v[2] <= v[3], line);
        }
    }

    [Fact]
    public void Quantiles_BadLevels_AreOneLine() =>
        CliHarness.AssertBadInput("expected the level 0.5 among them",
            Train(_files.Write("s.csv", Sine(60)), _files.PathOf("run"), "--quantiles", "0.1,0.9"));

    [Fact]
    public void Covariates_AreReadFromTheirColumns_AndAnUnknownOneIsNamed()
    {
        var csv = new StringBuilder("day,level,price\n");
        for (int t = 0; t < 70; t++)
            csv.Append(CultureInfo.InvariantCulture,
                $"{new DateOnly(2024, 1, 1).AddDays(t):yyyy-MM-dd},{50 + 10 * Math.Sin(t):F3},{t % 5}\n");
        string data = _files.Write("c.csv", csv.ToString()), output = _files.PathOf("run");
        var (code, text, err) = CliHarness.Run("forecast", "train", "--data", data, "--column", "level",
            "--date-column", "day", "--covariates", "price", "--calendar", "--horizon", "4", "--window", "8",
            "--hidden", "4", "--epochs", "2", "--out", output);
        Assert.True(code == 0, err);
        Assert.Contains("covariates price, calendar", text);
        Assert.Equal(6, Forecaster.Load(output).Model.Options.InputSize); // value, price, 4 calendar features
        (code, _, err) = CliHarness.Run("forecast", "eval", "--checkpoint", output, "--data", data, "--json");
        Assert.True(code == 0, err);
        CliHarness.AssertBadInput("expected a column 'cost' (a covariate) in the header", "forecast", "train",
            "--data", data, "--column", "level", "--covariates", "cost", "--horizon", "4", "--out",
            _files.PathOf("other"));
        CliHarness.AssertBadInput("--calendar reads each step's date: give --date-column", "forecast", "train",
            "--data", data, "--column", "level", "--calendar", "--horizon", "4", "--out", _files.PathOf("other"));
    }

    [Fact]
    public void Ensemble_TrainsAMemberPerSeed_AndEvalAndPredictAverageThem()
    {
        string data = _files.Write("s.csv", Sine(60)), output = _files.PathOf("run");
        var (code, text, err) = CliHarness.Run(Train(data, output, "--ensemble", "2", "--seed", "5"));
        Assert.True(code == 0, err);
        Assert.Contains("member 2 of 2 (seed 6)", text);
        var members = new[] { 1, 2 }.Select(k => Forecaster.Load(Path.Combine(output, $"member-{k}"))).ToArray();
        (code, text, err) = CliHarness.Run("forecast", "predict", "--checkpoint", output, "--data", data);
        Assert.True(code == 0, err);
        var history = TimeSeriesCsvReader.Read(data, members[0].Options.Columns!);
        double[] mean = [.. members[0].Forecast(history)[0].Zip(members[1].Forecast(history)[0], (a, b) => (a + b)
            / 2)];
        Assert.Equal(mean.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)),
            text.TrimEnd().Split('\n')[1..].Select(line => line.Split(',')[2]));
        (code, _, err) = CliHarness.Run("forecast", "eval", "--checkpoint", output, "--data", data, "--json");
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(output, "forecast-eval.svg")));
        CliHarness.AssertBadInput("already holds an ensemble", Train(data, output, "--ensemble", "2"));
    }
}
