using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;

namespace Recurrent.Training;

/// <summary>
/// What a resumed run must share with the run that saved it, stored as the "run" entry of the training state: the model
/// config, B, T, the optimizer, the split, the corpus fingerprint and the tokenization (<see cref="Tokens"/>, the
/// JSON of <see cref="TextTokenization"/>; null in states saved before word models, which are characters).
/// <see cref="Differences"/> lists what differs.
/// </summary>
public sealed record CharRunInfo(
    string Config, int BatchSize, int SequenceLength, string Optimizer, double TrainFraction, double ValidationFraction,
    long CorpusChars, string CorpusSha256, string? Tokens = null)
{
    /// <summary>The tokenization of the run.</summary>
    public TextTokenization Tokenization => Tokens is null ? TextTokenization.Chars : TextTokenization.FromJson(Tokens);

    /// <summary>The run <paramref name="options"/> describe on <paramref name="data"/>.</summary>
    public static CharRunInfo For(CharTrainingOptions options, CharTrainingData data) => new(
        options.ModelConfig(data.Vocabulary.Count).ToJson(), options.BatchSize, options.SequenceLength,
        options.Optimizer.Trim().ToLowerInvariant(), options.TrainFraction, options.ValidationFraction, data.Characters,
            data.Sha256, options.Tokens.Kind == TokenKind.Chars ? null : options.Tokens.ToJson());

    /// <summary>The options of the saved run (model, B, T, optimizer, split); every other option at its
    /// default.</summary>
    public CharTrainingOptions ToOptions()
    {
        var config = CharLanguageModelConfig.FromJson(Config);
        return new CharTrainingOptions
        {
            Model = config.Model, HiddenSize = config.HiddenSize, NumLayers = config.NumLayers,
            Embedding = config.Embedding, Dropout = config.Dropout,
            Peepholes = config.Peepholes, BatchSize = BatchSize, SequenceLength = SequenceLength, Optimizer = Optimizer,
            TrainFraction = TrainFraction, ValidationFraction = ValidationFraction, Tokens = Tokenization,
            TieWeights = config.TieWeights, EmbeddingDropout = config.EmbeddingDropout,
            OutputDropout = config.OutputDropout,
        };
    }

    /// <summary>Each difference as "what: saved X, now Y"; the corpus first. Empty when a resume may go on.</summary>
    public List<string> Differences(CharRunInfo now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var list = new List<string>();
        if (CorpusChars != now.CorpusChars || CorpusSha256 != now.CorpusSha256)
            list.Add($"corpus: saved from a text of {CorpusChars} characters (sha256 {CorpusSha256[..12]}…), now " +
                $"{now.CorpusChars} characters (sha256 {now.CorpusSha256[..12]}…)");
        var saved = CharLanguageModelConfig.FromJson(Config);
        var given = CharLanguageModelConfig.FromJson(now.Config);
        Compare(list, "model", CellKinds.Name(saved.Model), CellKinds.Name(given.Model));
        Compare(list, "vocabulary size", saved.VocabularySize, given.VocabularySize);
        Compare(list, "hidden", saved.HiddenSize, given.HiddenSize);
        Compare(list, "layers", saved.NumLayers, given.NumLayers);
        Compare(list, "embedding", saved.Embedding, given.Embedding);
        Compare(list, "dropout", saved.Dropout, given.Dropout);
        Compare(list, "peephole", saved.Peepholes, given.Peepholes);
        Compare(list, "tie weights", saved.TieWeights, given.TieWeights);
        Compare(list, "tokens", Tokenization, now.Tokenization);
        Compare(list, "batch size", BatchSize, now.BatchSize);
        Compare(list, "sequence length", SequenceLength, now.SequenceLength);
        Compare(list, "optimizer", Optimizer, now.Optimizer);
        Compare(list, "train fraction", TrainFraction, now.TrainFraction);
        Compare(list, "validation fraction", ValidationFraction, now.ValidationFraction);
        return list;
    }

    private static void Compare<TValue>(List<string> list, string what, TValue saved, TValue now)
    {
        if (!EqualityComparer<TValue>.Default.Equals(saved, now)) list.Add($"{what}: saved {saved}, now {now}");
    }
}
