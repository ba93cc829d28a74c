using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Models;
using Recurrent.Optimizers;
using Recurrent.Sequences;
using Recurrent.Tensors;
using Recurrent.Training;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Docs;

/// <summary>
/// The C# snippets of docs/getting-started.md ("Your first model", "Models", "Training", its "Streams of text",
/// "Saving and loading"; the
/// first also in README.md) compile and run: each is copied between markers below, and
/// <see cref="DocsCarryTheSameSnippets"/> holds every copy equal to the docs' code block (the docs' `using` lines
/// are this file's).
/// </summary>
public sealed class GettingStartedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("getting-started-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void FirstModel_LearnsTheSignOfASum_AndTheLoadedModelPredictsIt()
    {
        var (model, _, validation, accuracy, answer) = FirstModel();
        Assert.True(accuracy > 0.85, $"validation accuracy {accuracy:F3}");
        Assert.Equal("positive", answer);
        Assert.Equal(2, model.Options.OutputSize);
        Assert.True(validation.Count > 0);
    }

    [Fact]
    public void Models_PredictTheDocumentedShapes()
    {
        var (tags, stream) = Models();
        Assert.True(tags.HasShape(4, 2, 5), $"expected (4, 2, 5), got ({string.Join(", ", tags.Shape)})");
        Assert.Equal(0, stream.Steps);
    }

    [Fact]
    public void Training_StopsAtALimit_AndResumes()
    {
        var (model, train, validation, _, _) = FirstModel();
        var (report, best) = Training(model, train, validation, Path.Combine(_directory, "run"));
        Assert.NotNull(report.BestStep);
        Assert.Equal(model.Options, best.Options);
    }

    [Fact]
    public void Streams_TrainALanguageModelOnOneText()
    {
        string text = global::Recurrent.Tests.Training.TinyTraining.Text;
        var (report, lm) = Streams(text, Path.Combine(_directory, "lm"));
        Assert.Equal(100, report.Steps);
        double uniform = Math.Log(lm.Options.InputSize); // the loss of a model that knows nothing
        Assert.True(report.ValidationLoss < uniform, $"validation loss {report.ValidationLoss} ≥ ln V = {uniform}");
        Assert.True(File.Exists(Path.Combine(_directory, "lm", "last.state.safetensors")));
    }

    [Fact]
    public void SavingAndLoading_KeepsTheNormalisation_AndReadsACharacterModel()
    {
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 1, HiddenSize = 4, OutputSize = 2 });
        string charModel = Path.Combine(AppContext.BaseDirectory, "Fixtures", "charlm", "train-v1",
            "lstm-onehot.safetensors");
        var (normalizer, logits) = SavingAndLoading(model, Path.Combine(_directory, "model.safetensors"), charModel);
        Assert.Equal([0.5f], normalizer.Mean);
        Assert.True(logits.HasShape(9, 1, 83), $"expected (9, 1, 83), got ({string.Join(", ", logits.Shape)})");
    }

    [Fact]
    public void DocsCarryTheSameSnippets()
    {
        string docs = DocSnippets.Read("docs", "getting-started.md");
        string source = DocSnippets.Read("tests", "Recurrent.Tests", "Docs", "GettingStartedTests.cs");
        foreach (string anchor in new[] { "first-model", "models", "training", "streams", "words",
                     "saving-and-loading" })
        {
            string copy = DocSnippets.Copy(source, $"docs/getting-started.md#{anchor}");
            Assert.Equal(copy, DocSnippets.Block(docs, $"<a id=\"{anchor}\"></a>"));
            if (anchor != "first-model") continue;
            Assert.Equal(copy, DocSnippets.Block(DocSnippets.Read("README.md"), "## Use it from C#"));
            Assert.Equal(copy, DocSnippets.Block(DocSnippets.Read("docs", "packages", "Recurrent.md"), "## Use it"));
        }
    }

    private (SequenceModel, SequenceDataset, SequenceDataset, double?, string) FirstModel()
    {
        // --- docs/getting-started.md#first-model ---
        // 400 sequences of 5 to 15 numbers; the class says whether they sum above 0.
        var rng = new Random(1);
        var data = new SequenceDataset(Enumerable.Range(0, 400).Select(_ =>
        {
            float[] x = [.. Enumerable.Range(0, rng.Next(5, 16)).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
            return SequenceExample.FromFeatures(x, featureCount: 1, SequenceTarget.Class(x.Sum() > 0 ? 1 : 0));
        }), classNames: ["negative", "positive"]);
        var (train, validation) = data.Split(validationFraction: 0.2, new Random(2));

        var model = new SequenceModel(new SequenceModelOptions { InputSize = 1, HiddenSize = 16, OutputSize = 2 });
        var report = new SequenceTrainer(model, new SequenceTrainerOptions { Epochs = 20, LearningRate = 0.01 })
            .Fit(train, validation);
        Console.WriteLine($"validation accuracy {report.ValidationMetric:P1}");

        string file = Path.Combine(Path.GetTempPath(), "sign.safetensors");
        model.Save(file);
        var loaded = SequenceModel.Load(file);
        var scores = loaded.Predict(Tensor<float>.From([0.5f, -0.2f, 0.4f], 3, 1, 1)); // x (T, B, F) → (B, K)
        Console.WriteLine(data.ClassNames[scores[0, 1] > scores[0, 0] ? 1 : 0]);         // "positive"
        // --- end of snippet ---
        return (model, train, validation, report.ValidationMetric,
            data.ClassNames[scores[0, 1] > scores[0, 0] ? 1 : 0]);
    }

    private static (Tensor<float>, SequenceStream) Models()
    {
        // --- docs/getting-started.md#models ---
        // A tagger: token ids in, an embedding, two GRU layers, one answer per step.
        var tagger = new SequenceModel(new SequenceModelOptions
        {
            Input = InputKind.Tokens, InputSize = 30, EmbeddingSize = 16,  // ids in [0, 30), embedded in 16 numbers
            Cell = CellKind.Gru, HiddenSize = 32, NumLayers = 2, Dropout = 0.1,
            Head = HeadKind.PerStep, OutputSize = 5,                       // 5 tags per step
        }, seed: 7);
        int[] ids = [3, 1, 4, 1, 5, 9, 2, 6];                              // (T·B), time-major: T = 4, B = 2
        Tensor<float> tags = tagger.PredictTokens(ids, steps: 4, batch: 2, lengths: [4, 3]); // (T, B, K) = (4, 2, 5)

        // A classifier: a bidirectional LSTM whose outputs are averaged over each sequence's valid steps.
        var classifier = new SequenceModel(new SequenceModelOptions
        {
            InputSize = 3, HiddenSize = 32, Bidirectional = true, Pooling = PoolingKind.Mean, OutputSize = 4,
        });
        var batch = new Tensor<float>(10, 8, 3);                           // x (T, B, F), zero after each end
        int[] lengths = [10, 9, 8, 7, 6, 5, 4, 3];
        Parallel.For(0, 4, _ => classifier.Predict(batch, lengths));      // thread-safe; each call owns its (B, K)

        // A stream: readings as they arrive, the state carried from step to step (forward-only models).
        var sensor = new SequenceModel(new SequenceModelOptions { InputSize = 3, HiddenSize = 16, OutputSize = 2 });
        SequenceStream stream = sensor.CreateStream(batch: 1);
        foreach (float[] reading in new[] { new[] { 0.1f, 0.2f, 0.3f }, new[] { 0.0f, 0.5f, 1.0f } })
        {
            Tensor<float> now = stream.Step(Tensor<float>.From(reading, 1, 3)); // (B, K) after this step; reused
        }
        stream.Reset();                                                    // every stream from the zero state again
        // --- end of snippet ---
        return (tags, stream);
    }

    private static (SequenceTrainingReport, SequenceModel) Training(SequenceModel model, SequenceDataset train,
        SequenceDataset validation, string runDirectory)
    {
        // --- docs/getting-started.md#training ---
        var options = new SequenceTrainerOptions
        {
            Epochs = 10,                     // limits: Epochs, MaxSteps, TimeBudget; the first reached stops
            Patience = 3,                    // early stopping: 3 evaluations without a better validation metric
            LearningRate = 0.01, BatchSize = 32, GradientClip = 5,
            Loss = LossKind.CrossEntropy,    // null picks it from the targets (MSE for values)
            Metric = MetricKind.Accuracy,    // what early stopping and best.safetensors follow (RMSE for values)
            CheckpointDirectory = runDirectory, // best.safetensors, last.safetensors + last.state.safetensors
        };
        var progress = new Progress<SequenceTrainingProgress>(p =>
        {
            if (p.ValidationMetric is double accuracy) Console.WriteLine($"step {p.Step}: accuracy {accuracy:P1}");
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // or cancel.Cancel() from a button
        SequenceTrainingReport report = new SequenceTrainer(model, options).Fit(train, validation, progress,
            cancel.Token);
        Console.WriteLine($"{report.StopReason}; best {report.BestValidationMetric:P1} at step {report.BestStep}");

        // Later, in this process or another: go on from last.safetensors with a larger budget.
        var resumed = SequenceTrainer.Resume(runDirectory, options with { Epochs = 15 });
        resumed.Fit(train, validation, progress, cancel.Token);
        var best = SequenceModel.Load(Path.Combine(runDirectory, "best.safetensors"));
        // --- end of snippet ---
        return (report, best);
    }

    private static (SequenceTrainingReport, SequenceModel) Streams(string text, string lmDirectory)
    {
        // --- docs/getting-started.md#streams ---
        var vocabulary = CharVocabulary.FromText(text);
        int[] ids = vocabulary.Encode(text);
        int cut = ids.Length * 9 / 10;                                      // the end of the text validates
        var lm = new SequenceModel(new SequenceModelOptions
        {
            Input = InputKind.Tokens, InputSize = vocabulary.Count, Cell = CellKind.Lstm, HiddenSize = 64,
            Head = HeadKind.PerStep, OutputSize = vocabulary.Count,         // next-character logits at every step
        }) { Vocabulary = vocabulary.Symbols };
        var streamOptions = new SequenceTrainerOptions
        {
            BatchSize = 8,                                                  // B parallel streams of the text
            Optimizer = OptimizerKind.RmsProp, LearningRate = 2e-3, LearningRateDecay = 0.97, // decay per epoch
            Epochs = null, MaxSteps = 100, EvaluateEvery = 50,
            CheckpointDirectory = lmDirectory,
        };
        SequenceTrainingReport lmReport = new SequenceTrainer(lm, streamOptions)
            .FitStreams(ids[..cut], ids[cut..], sequenceLength: 16);        // T: how far back gradients flow
        Console.WriteLine($"validation loss {lmReport.ValidationLoss:F3} nats per character");
        // --- end of snippet ---
        return (lmReport, lm);
    }

    [Fact]
    public void Words_TrainAWordModel_ScoreItAndSample()
    {
        string train = global::Recurrent.Tests.Training.TinyTraining.Text;
        var (score, unknown, text) = Words(train + train, train, "the zebra sat on the mat.\n",
            Path.Combine(_directory, "words"));
        Assert.Equal(1, unknown); // zebra
        Assert.True(score.Perplexity < 50, $"perplexity {score.Perplexity}"); // a handful of words, well learnt
        Assert.True(text.Split(' ', '\n').Length >= 10, text);
    }

    private static (CharLanguageModelEvaluation, int, string) Words(string trainText, string validText,
        string testText, string wordDirectory)
    {
        // --- docs/getting-started.md#words ---
        var words = new TextTokenization(TokenKind.Words, Lowercase: true, MinCount: 2);
        var wordData = CharTrainingData.Create(TextCorpus.FromText(trainText, "train"),
            TextCorpus.FromText(validText, "valid"), words);              // the vocabulary comes from trainText only
        var wordOptions = new CharTrainingOptions
        {
            Tokens = words, Embedding = 16, HiddenSize = 16, NumLayers = 1, TieWeights = true, InitRange = 0.1,
            EmbeddingDropout = 0.2, OutputDropout = 0.2, BatchSize = 4, SequenceLength = 8,
            Optimizer = "sgd", LearningRate = 20, AnnealFactor = 4, GradientClip = 0.25, MaxSteps = 40, EvalEvery = 10,
        };
        CharTrainingReport wordReport = CharModelTrainer.Start(wordData, wordOptions, wordDirectory).Train();
        var (_, vocabulary, wordModel) = CharLanguageModelCheckpoint.LoadWithTokens(wordReport.Files.Best);
        int[] testIds = vocabulary.Encode(testText, out int unknown);      // unknown words become <unk>, counted
        var score = CharLanguageModelEvaluator.Evaluate(wordModel, testIds);
        Console.WriteLine($"test perplexity {score.Perplexity:F1} over {score.Chars} tokens, {unknown} unknown");
        string words20 = CharTextGenerator.GenerateTokens(wordModel, vocabulary, "the cat", 20,
            new SamplingOptions(0.8), new Random(1));                     // 20 words, joined into readable text
        // --- end of snippet ---
        return (score, unknown, words20);
    }

    private static (FeatureNormalizer, Tensor<float>) SavingAndLoading(SequenceModel model, string file,
        string charModel)
    {
        // --- docs/getting-started.md#saving-and-loading ---
        model.Normalization = new FeatureNormalizer([0.5f], [2f]).ToDictionary(); // e.g. FeatureNormalizer.Fit(train)
        model.Save(file);                                    // one file, written atomically
        var loaded = SequenceModel.Load(file);               // rebuilds itself: no options needed
        var normalizer = FeatureNormalizer.FromDictionary(loaded.Normalization);
        Console.WriteLine(loaded.Options.ToJson());          // {"input":"features","input_size":1,…}

        // A character language model written by `recurrent train` (e.g. out/train/best.safetensors) is a token model.
        var lm = SequenceModel.Load(charModel);
        int[] ids = CharVocabulary.FromSymbols(lm.Vocabulary!).Encode("The whale");
        Tensor<float> logits = lm.PredictTokens(ids, steps: ids.Length, batch: 1); // (T, 1, V): next-character scores
        // --- end of snippet ---
        return (normalizer, logits);
    }
}
