using System.Globalization;
using System.Text;
using Recurrent.Cli;
using Recurrent.Data;
using Recurrent.Forecasting;
using Recurrent.Layers.Recurrent;
using Recurrent.Seq2Seq;
using Recurrent.Sequences;
using Recurrent.Tensors;
using Recurrent.Tests.Onnx;
using Recurrent.Tests.Training;

namespace Recurrent.Tests.Cli;

/// <summary>
/// recurrent export on checkpoints of every kind the commands train: a <c>classify train</c> folder gives its scores
/// and classes; a word model with tied weights gives its logits and carries its tokenization; a seq2seq training
/// folder becomes PREFIX.encoder.onnx and PREFIX.decoder.onnx whose greedy decoding in ONNX Runtime equals the
/// model's, and a <c>forecast train</c> folder becomes one file giving the forecaster's scaled outputs, with
/// everything a consumer needs to scale them back in its metadata; bad input leaves no file.
/// </summary>
public sealed class ExportModelKindsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("export-kinds-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Export_OfASeq2SeqFolder_WritesTwoFiles_WhoseGreedyDecodeIsTheModels()
    {
        string run = Seq2SeqRun(CellKind.Lstm, AttentionKind.Bahdanau);
        string prefix = Path.Combine(_directory, "g2p");
        Directory.CreateDirectory(prefix);        // a folder named like the prefix: no obstacle, the files go beside it

        var (code, output, error) = CliHarness.Run("export", "--checkpoint", run, "--out", prefix);

        Assert.True(code == Program.Success, error);
        Assert.Contains("g2p.encoder.onnx", output);
        Assert.Contains("seq2seq of 2 bidirectional LSTM encoder layer(s) of 3 and 2 LSTM decoder layer(s) of 4, " +
            "bahdanau attention", output);
        Assert.Contains("encoder: source (source_steps, batch), source_lengths (batch) -> memory, h0, c0", output);
        Assert.Contains("decoder step: previous (batch), h0, c0, memory, source_lengths -> logits, hn, cn, attention",
            output);
        string encoder = prefix + ".encoder.onnx", decoder = prefix + ".decoder.onnx";
        Assert.Equal([decoder, encoder], Directory.GetFiles(_directory).Order());   // no temporary beside them
        string[] sources = ["abc", "fedcba", "d"];
        var model = Seq2SeqModel.Load(Path.Combine(run, "best.safetensors"));
        Assert.Equal(model.Decode(sources),
            OnnxSeq2SeqGreedy.Decode(File.ReadAllBytes(encoder), File.ReadAllBytes(decoder), sources));
    }

    [Fact]
    public void Export_OfASeq2SeqModelWithoutAttention_SaysTheDecoderNeedsNoMemory()
    {
        string run = Seq2SeqRun(CellKind.Gru, AttentionKind.None);
        var (code, output, error) = CliHarness.Run("export", "--checkpoint", run, "--out",
            Path.Combine(_directory, "plain.onnx"));
        Assert.True(code == Program.Success, error);
        Assert.Contains("no attention", output);
        Assert.Contains("decoder step: previous (batch), h0 -> logits, hn", output);
        Assert.True(File.Exists(Path.Combine(_directory, "plain.decoder.onnx")));
    }

    [Fact]
    public void Export_OfASeq2Seq_WithAGraph_OrToAMissingFolder_IsBadInput_AndWritesNothing()
    {
        string run = Seq2SeqRun(CellKind.Gru, AttentionKind.LuongGeneral);
        CliHarness.AssertBadInput("--graph does not apply to a seq2seq model", "export", "--checkpoint", run,
            "--out", Path.Combine(_directory, "m"), "--graph", "step");
        CliHarness.AssertBadInput("missing", "export", "--checkpoint", run, "--out",
            Path.Combine(_directory, "missing", "m"));
        Assert.Empty(Directory.GetFiles(_directory));
        Assert.False(Directory.Exists(Path.Combine(_directory, "missing")));
    }

    /// <summary>A quantile forecaster with a covariate and the calendar is the same graph, wider: F = 1 + 1 + 4 inputs
    /// and H·Q = 4·3 outputs, its levels and the covariate's scales in the metadata.</summary>
    [Fact]
    public void Export_OfAQuantileForecasterWithCovariates_GivesItsWiderOutputs()
    {
        var csv = new StringBuilder("day,level,price\n");
        for (int t = 0; t < 48; t++)
            csv.Append(CultureInfo.InvariantCulture,
                $"{new DateOnly(2024, 1, 1).AddDays(t):yyyy-MM-dd},{50 + 10 * Math.Sin(t):F3},{t % 5}\n");
        string data = Path.Combine(_directory, "prices.csv");
        File.WriteAllText(data, csv.ToString());
        string run = Path.Combine(_directory, "quantiles");
        var (code, _, error) = CliHarness.Run("forecast", "train", "--data", data, "--column", "level",
            "--date-column", "day", "--covariates", "price", "--calendar", "--quantiles", "0.1,0.5,0.9",
            "--horizon", "4", "--window", "8", "--hidden", "4", "--epochs", "2", "--out", run);
        Assert.True(code == Program.Success, error);
        string onnxPath = Path.Combine(_directory, "quantiles.onnx");
        (code, _, error) = CliHarness.Run("export", "--checkpoint", run, "--out", onnxPath);
        Assert.True(code == Program.Success, error);
        var forecaster = Forecaster.Load(run);
        int steps = 8, batch = 2, features = 6, hidden = forecaster.Model.Options.HiddenSize;
        float[] x = OnnxRun.Random(new Random(62), steps * batch * features, 1.5);
        int[] lengths = [8, 5];
        var ours = forecaster.Model.Predict(new Tensor<float>(x, 0, steps, batch, features), lengths);
        using var onnx = new OnnxRun(File.ReadAllBytes(onnxPath));
        var results = onnx.Floats("features", x, steps, batch, features).Int32s("lengths", lengths, batch)
            .Floats("h0", new float[batch * hidden], 1, batch, hidden)
            .Floats("c0", new float[batch * hidden], 1, batch, hidden).Run();
        Assert.Equal([batch, 12], results["outputs"].Dims);
        OnnxRun.AssertClose(ours.Span, results["outputs"].Values, "quantile forecasts");
        Assert.Equal(forecaster.Options, ForecasterOptions.FromJson(onnx.Metadata[Forecaster.OptionsProperty]));
        Assert.Contains($"\"{Forecaster.CovariateMean}\":[", onnx.Metadata["normalization"]);
    }

    [Fact]
    public void Export_OfAForecastTrainFolder_GivesTheForecastersOutputs_AndItsPropertiesInTheMetadata()
    {
        var csv = new StringBuilder("year,level\n");
        for (int t = 0; t < 48; t++)
            csv.Append(CultureInfo.InvariantCulture, $"{1900 + t},{50 + 10 * Math.Sin(2 * Math.PI * t / 8):F3}\n");
        string data = Path.Combine(_directory, "sine.csv");
        File.WriteAllText(data, csv.ToString());
        string run = Path.Combine(_directory, "forecast");
        var (code, _, error) = CliHarness.Run("forecast", "train", "--data", data, "--column", "level",
            "--date-column", "year", "--horizon", "4", "--season", "8", "--window", "8", "--hidden", "4",
            "--epochs", "2", "--out", run);
        Assert.True(code == Program.Success, error);
        string onnxPath = Path.Combine(_directory, "forecast.onnx");

        (code, var output, error) = CliHarness.Run("export", "--checkpoint", run, "--out", onnxPath);

        Assert.True(code == Program.Success, error);
        Assert.Contains("inputs features (steps, batch, F), lengths (batch), h0, c0; outputs outputs, hn, cn", output);
        var forecaster = Forecaster.Load(run);
        int steps = 8, batch = 2, hidden = forecaster.Model.Options.HiddenSize;
        float[] x = OnnxRun.Random(new Random(61), steps * batch, 1.5);          // scaled values, as the model reads
        int[] lengths = [8, 5];
        var ours = forecaster.Model.Predict(new Tensor<float>(x, 0, steps, batch, 1), lengths);
        using var onnx = new OnnxRun(File.ReadAllBytes(onnxPath));
        var results = onnx.Floats("features", x, steps, batch, 1).Int32s("lengths", lengths, batch)
            .Floats("h0", new float[batch * hidden], 1, batch, hidden)
            .Floats("c0", new float[batch * hidden], 1, batch, hidden).Run();
        Assert.Equal([batch, 4], results["outputs"].Dims);
        OnnxRun.AssertClose(ours.Span, results["outputs"].Values, "forecasts");
        Assert.Equal(forecaster.Options, ForecasterOptions.FromJson(onnx.Metadata[Forecaster.OptionsProperty]));
        Assert.Equal(forecaster.SeriesNames,
            System.Text.Json.JsonSerializer.Deserialize<string[]>(onnx.Metadata[Forecaster.SeriesProperty]));
        Assert.Contains("\"mean\":[", onnx.Metadata["normalization"]);

        // A path under a file cannot be written: one line, and nothing new in the folder.
        var before = Directory.GetFiles(_directory);
        CliHarness.AssertBadInput("cannot write", "export", "--checkpoint", run, "--out",
            Path.Combine(data, "forecast.onnx"));
        Assert.Equal(before, Directory.GetFiles(_directory));
    }

    [Fact]
    public void Export_OfATiedWordModel_GivesItsLogits_AndCarriesItsTokenization()
    {
        // recurrent train --tokens words --tie-weights: the head is the embedding matrix, and the vocabulary's symbols
        // are lowercased words of count ≥ 2, which a consumer must know to feed the model.
        string train = TinyTraining.WriteCorpus(_directory, TinyTraining.Text + TinyTraining.Text, "train.txt");
        string run = Path.Combine(_directory, "words");
        var (code, _, error) = CliHarness.Run("train", "--tokens", "words", "--data", train, "--min-count", "2",
            "--lowercase", "--tie-weights", "--embedding", "8", "--hidden", "8", "--layers", "1", "--seq-length", "4",
            "--batch-size", "2", "--max-steps", "3", "--out", run);
        Assert.True(code == Program.Success, error);
        string onnxPath = Path.Combine(_directory, "words.onnx");

        (code, _, error) = CliHarness.Run("export", "--checkpoint", run, "--out", onnxPath);

        Assert.True(code == Program.Success, error);
        var model = SequenceModel.Load(Path.Combine(run, "best.safetensors"));
        Assert.True(model.Options.TieWeights);
        int v = model.Options.InputSize;
        int[] tokens = [.. Enumerable.Range(0, 6).Select(i => (i * 5 + 1) % v)];   // T = 3, B = 2
        var logits = model.PredictTokens(tokens, 3, 2);
        using var onnx = new OnnxRun(File.ReadAllBytes(onnxPath));
        var results = onnx.Int64s("tokens", [.. tokens.Select(t => (long)t)], 3, 2)
            .Floats("h0", new float[2 * 8], 1, 2, 8).Floats("c0", new float[2 * 8], 1, 2, 8).Run();
        OnnxRun.AssertClose(logits.Span, results["outputs"].Values, "logits");
        var tokenization = TextTokenization.FromJson(onnx.Metadata["tokens"]);
        Assert.Equal(new TextTokenization(TokenKind.Words, Lowercase: true, MinCount: 2), tokenization);
    }

    [Fact]
    public void Export_OfAClassifyTrainFolder_GivesItsScoresAndProbabilities_AndItsClasses()
    {
        string train = Path.Combine(_directory, "train.tsv");
        File.WriteAllText(train, Classification.ClassifyFixtures.LastLetterTsv(60, 1));
        string run = Path.Combine(_directory, "classify");
        var (code, _, error) = CliHarness.Run("classify", "train", "--data", train, "--out", run, "--hidden", "6",
            "--epochs", "2", "--batch-size", "16", "--seed", "3");
        Assert.True(code == Program.Success, error);
        string onnxPath = Path.Combine(_directory, "classify.onnx");

        (code, var output, error) = CliHarness.Run("export", "--checkpoint", run, "--out", onnxPath);

        Assert.True(code == Program.Success, error);
        Assert.Contains("outputs outputs, probabilities", output);
        var model = SequenceModel.Load(Path.Combine(run, "best.safetensors"));
        var o = model.Options;
        int states = o.NumLayers * (o.Bidirectional ? 2 : 1), h = o.HiddenSize, steps = 4, batch = 2;
        int[] tokens = [.. Enumerable.Range(0, steps * batch).Select(i => (i * 3 + 1) % o.InputSize)];
        int[] lengths = [4, 2];
        var scores = model.PredictTokens(tokens, steps, batch, lengths);
        using var onnx = new OnnxRun(File.ReadAllBytes(onnxPath));
        onnx.Int64s("tokens", [.. tokens.Select(t => (long)t)], steps, batch).Int32s("lengths", lengths, batch)
            .Floats("h0", new float[states * batch * h], states, batch, h);
        if (o.Cell == CellKind.Lstm) onnx.Floats("c0", new float[states * batch * h], states, batch, h);
        var results = onnx.Run();
        OnnxRun.AssertClose(scores.Span, results["outputs"].Values, "scores");
        Assert.Equal(model.ClassNames, System.Text.Json.JsonSerializer.Deserialize<string[]>(onnx.Metadata["classes"]));
        Assert.Equal(model.Vocabulary, System.Text.Json.JsonSerializer.Deserialize<string[]>(onnx.Metadata["vocab"]));
    }

    /// <summary>A seq2seq training folder (inside the test's folder, whose own files are the exports) holding a
    /// random tiny model as best.safetensors.</summary>
    private string Seq2SeqRun(CellKind cell, AttentionKind attention)
    {
        var model = Seq2SeqOnnxDecodeTests.Talkative(Seq2SeqOnnxTests.Model(cell, attention, seed: 71));
        string run = Directory.CreateDirectory(Path.Combine(_directory, "run")).FullName;
        model.Save(Path.Combine(run, "best.safetensors"));
        return run;
    }
}
