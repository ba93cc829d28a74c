using System.Text;
using Recurrent.Data;
using Recurrent.Sequences;

namespace Recurrent.Classification;

/// <summary>
/// Many-to-one classification of whole sequences (characters of a text, frames of features): a
/// <see cref="SequenceModel"/> with a per-sequence head whose file also holds the class names ("classes"), the
/// vocabulary of a text model and the feature normalisation of a feature model, so a loaded classifier reads raw
/// input. Probabilities are the softmax of the head's scores; padding never changes them (masks, docs/equations.md).
/// <code>
/// var classifier = SequenceClassifier.Create(train, new SequenceModelOptions { HiddenSize = 64 });
/// classifier.Train(train, validation, new SequenceTrainerOptions { Epochs = 20, Patience = 3 });
/// ClassificationReport report = classifier.Evaluate(test);
/// ClassPrediction p = classifier.Predict("Maria");                // label, probability, attention weights
/// </code>
/// </summary>
public sealed class SequenceClassifier
{
    private const int EvaluationBatch = 256;
    private readonly FeatureNormalizer? _normalizer;
    private readonly CharVocabulary? _vocabulary;
    private readonly Lock _attentionLock = new();
    private SequenceNetwork<float>? _attentionNetwork; // a replica sharing the weights, to read α after a Forward

    /// <summary>Wraps a model with a per-sequence head and class names (one per output).</summary>
    /// <exception cref="ArgumentException">The model has a per-step head or no class names.</exception>
    public SequenceClassifier(SequenceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Options.Head != HeadKind.PerSequence)
            throw new ArgumentException("a classifier needs a model with a per-sequence head, got a per-step one");
        if (model.ClassNames is null || model.ClassNames.Count != model.Options.OutputSize)
            throw new ArgumentException($"a classifier needs one class name per output ({model.Options.OutputSize}), " +
                $"got {model.ClassNames?.Count ?? 0}");
        Model = model;
        if (model.Vocabulary is { } symbols) _vocabulary = CharVocabulary.FromSymbols(symbols);
        if (model.Normalization.Count > 0) _normalizer = FeatureNormalizer.FromDictionary(model.Normalization);
    }

    /// <summary>
    /// A new classifier for the inputs and classes of <paramref name="train"/>: its input kind and size, the class
    /// count and names and the vocabulary come from the data; the rest (cell, sizes, pooling, dropout …) from
    /// <paramref name="architecture"/>. For features it fits a <see cref="FeatureNormalizer"/> on
    /// <paramref name="train"/> (kept in the model file).
    /// </summary>
    public static SequenceClassifier Create(SequenceDataset train, SequenceModelOptions architecture, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(architecture);
        if (train.TargetKind != SequenceTargetKind.Class)
            throw new ArgumentException($"a classifier learns one class per sequence, got {train.TargetKind} targets");
        var options = architecture with
        {
            Input = train.IsTokens ? InputKind.Tokens : InputKind.Features,
            InputSize = train.IsTokens ? train.TokenCount : train.FeatureCount,
            Head = HeadKind.PerSequence,
            OutputSize = train.ClassCount,
        };
        var model = new SequenceModel(options, seed)
        {
            ClassNames = train.ClassNames,
            Vocabulary = train.IsTokens ? train.Vocabulary?.Symbols : null,
        };
        if (!train.IsTokens) model.Normalization = FeatureNormalizer.Fit(train).ToDictionary();
        return new SequenceClassifier(model);
    }

    /// <summary>Loads a classifier file, or a directory's best.safetensors (as <c>classify train</c> writes).</summary>
    /// <exception cref="InvalidDataException">The file is not a classifier; the message says why.</exception>
    public static SequenceClassifier Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string file = Directory.Exists(path) ? Path.Combine(path, "best.safetensors") : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"classifier file '{file}' not found", file);
        var model = SequenceModel.Load(file);
        if (model.ClassNames is null || model.Options.Head != HeadKind.PerSequence)
            throw new InvalidDataException($"model file '{file}' is not a classifier (expected a per-sequence head " +
                "and class names in its metadata)");
        return new SequenceClassifier(model);
    }

    /// <summary>The model (weights, options, class names, vocabulary, normalisation).</summary>
    public SequenceModel Model { get; }

    /// <summary>Class id → name.</summary>
    public IReadOnlyList<string> ClassNames => Model.ClassNames!;

    /// <summary>The characters of a text model; null for features.</summary>
    public CharVocabulary? Vocabulary => _vocabulary;

    /// <summary>True when the model reads token ids (text); false for features.</summary>
    public bool ReadsText => Model.Options.Input == InputKind.Tokens;

    /// <summary>
    /// Trains on <paramref name="train"/> (raw features are normalised the model's way first) with a
    /// <see cref="SequenceTrainer"/>: validation accuracy once per epoch (unless options say otherwise), early
    /// stopping, best and last checkpoints in the options' directory.
    /// </summary>
    public SequenceTrainingReport Train(SequenceDataset train, SequenceDataset? validation,
        SequenceTrainerOptions options, IProgress<SequenceTrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        return new SequenceTrainer(Model, options).Fit(Prepare(train), validation is null ? null : Prepare(validation),
            progress, cancellation);
    }

    /// <summary>Continues the run saved in <paramref name="directory"/> (<see cref="SequenceTrainer.Resume"/>) on the
    /// same data; returns the classifier being trained and the report.</summary>
    public static (SequenceClassifier Classifier, SequenceTrainingReport Report) Resume(string directory,
        SequenceDataset train, SequenceDataset? validation, SequenceTrainerOptions options,
        IProgress<SequenceTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var trainer = SequenceTrainer.Resume(directory, options);
        var classifier = new SequenceClassifier(trainer.Model);
        var report = trainer.Fit(classifier.Prepare(train), validation is null ? null : classifier.Prepare(validation),
            progress, cancellation);
        return (classifier, report);
    }

    /// <summary>Raw data as the model reads it: features normalised with the stored statistics (text as it
    /// is).</summary>
    public SequenceDataset Prepare(SequenceDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.IsTokens != ReadsText)
            throw new ArgumentException(ReadsText ? "the classifier reads text, got feature sequences"
                : "the classifier reads features, got text");
        if (!ReadsText && data.FeatureCount != Model.Options.InputSize)
            throw new ArgumentException($"the classifier reads {Model.Options.InputSize} features per step, got " +
                $"{data.FeatureCount}");
        return _normalizer is null ? data : _normalizer.Apply(data);
    }

    /// <summary>Classifies a text: its characters through the vocabulary, unknown ones skipped and
    /// counted.</summary>
    /// <exception cref="ArgumentException">A feature model, or no known character in the text.</exception>
    public ClassPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!ReadsText) throw new ArgumentException("the classifier reads features, got text");
        var ids = new List<int>(text.Length);
        int skipped = 0;
        foreach (var rune in text.EnumerateRunes())
            if (_vocabulary!.TryGetIndex(rune, out int id)) ids.Add(id);
            else skipped++;
        if (ids.Count == 0)
            throw new ArgumentException($"expected at least one character of the model's vocabulary, got " +
                $"{(text.Length == 0 ? "an empty text" : $"none in \"{text}\"")}");
        if (Model.Options.Pooling == PoolingKind.Attention)
            return Attended(network => network.ForwardTokens(ids.ToArray(), ids.Count, 1), skipped);
        var scores = Model.PredictTokens(ids.ToArray(), ids.Count, 1);
        return Prediction(scores.Span, skipped);
    }

    /// <summary>Classifies raw features x (L·F values, step after step); normalised the model's way.</summary>
    public ClassPrediction Predict(ReadOnlySpan<float> features)
    {
        if (ReadsText) throw new ArgumentException("the classifier reads text, got features");
        int f = Model.Options.InputSize;
        if (features.Length == 0 || features.Length % f != 0)
            throw new ArgumentException($"expected a positive multiple of {f} values ({f} features per step), got " +
                $"{features.Length}");
        float[] x = features.ToArray();
        _normalizer?.Normalize(x);
        var input = Tensor<float>.From(x, x.Length / f, 1, f);
        if (Model.Options.Pooling == PoolingKind.Attention) return Attended(network => network.Forward(input), 0);
        return Prediction(Model.Predict(input).Span, 0);
    }

    /// <summary>Predicts every sequence of <paramref name="data"/> (raw, as read from a file), in order.</summary>
    public IReadOnlyList<ClassPrediction> PredictAll(SequenceDataset data) => Score(data).Predictions;

    /// <summary>Accuracy, loss, per-class precision/recall/F1 and the confusion matrix on labelled data (class ids
    /// of the model's <see cref="ClassNames"/>).</summary>
    public ClassificationReport Evaluate(SequenceDataset data)
    {
        var (predictions, actual) = Score(data);
        double loss = 0;
        for (int i = 0; i < predictions.Count; i++) loss -= Math.Log(Math.Max(predictions[i].Probabilities[actual[i]],
            float.Epsilon));
        return new ClassificationReport(ClassNames, actual, predictions.Select(p => p.ClassId).ToArray(),
            predictions.Count == 0 ? 0 : loss / predictions.Count);
    }

    private (IReadOnlyList<ClassPrediction> Predictions, int[] Actual) Score(SequenceDataset data)
    {
        var prepared = Prepare(data);
        if (data.TargetKind == SequenceTargetKind.Class && !data.ClassNames.SequenceEqual(ClassNames))
            throw new ArgumentException("the data's class names differ from the classifier's; read it with the " +
                "classifier's ClassNames");
        var predictions = new ClassPrediction[data.Count];
        var actual = new int[data.Count];
        var batcher = new SequenceBatcher(prepared, new SequenceBatcherOptions
        {
            BatchSize = EvaluationBatch, Shuffle = false,
        }, new Random(0));
        int k = Model.Options.OutputSize;
        foreach (var batch in batcher.NextEpoch())
        {
            var scores = batch.Features is { } x ? Model.Predict(x, batch.Lengths)
                : Model.PredictTokens(batch.TokenIds, batch.Steps, batch.Size, batch.Lengths);
            for (int b = 0; b < batch.Size; b++)
            {
                int index = batch.ExampleIndices[b];
                predictions[index] = Prediction(scores.Span.Slice(b * k, k), 0);
                actual[index] = batch.ClassIds?[b] ?? -1;
            }
        }
        return (predictions, actual);
    }

    /// <summary>One sequence through the attention replica, with its weights α_t (T, 1) copied out.</summary>
    private ClassPrediction Attended(Func<SequenceNetwork<float>, Tensor<float>> forward, int skipped)
    {
        lock (_attentionLock)
        {
            var network = _attentionNetwork ??= new SequenceNetwork<float>(Model.Network);
            var scores = forward(network);
            return Prediction(scores.Span, skipped) with
            {
                AttentionWeights = network.LastAttentionWeights!.Span.ToArray(),
            };
        }
    }

    private ClassPrediction Prediction(ReadOnlySpan<float> scores, int skipped)
    {
        var p = new float[scores.Length];
        float max = TensorPrimitives.Max(scores);
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += p[i] = MathF.Exp(scores[i] - max);
        for (int i = 0; i < p.Length; i++) p[i] = (float)(p[i] / sum);
        int best = TensorPrimitives.IndexOfMax(p);
        return new ClassPrediction(best, ClassNames[best], p[best], p, null, skipped);
    }
}
