using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;

namespace Recurrent.Training;

/// <summary>
/// Everything <see cref="CharModelTrainer"/> needs to train a <see cref="CharLanguageModel{T}"/> by truncated BPTT.
/// Defaults are char-rnn's: a 2-layer LSTM of 128 units on one-hot input, B = 50 streams of T = 50 steps, RMSprop at
/// 2e-3, gradients clipped to norm 5, the last 5% of the text for validation.
/// </summary>
public sealed record CharTrainingOptions
{
    /// <summary>Cell of every layer. Default LSTM.</summary>
    public CellKind Model { get; init; } = CellKind.Lstm;

    /// <summary>H, units per layer (PyTorch's hidden_size). Default 128.</summary>
    public int HiddenSize { get; init; } = 128;

    /// <summary>L, recurrent layers (PyTorch's num_layers). Default 2.</summary>
    public int NumLayers { get; init; } = 2;

    /// <summary>E, embedding width; 0 (default) feeds one-hot vectors.</summary>
    public int Embedding { get; init; }

    /// <summary>Dropout between recurrent layers, in [0, 1). Default 0.</summary>
    public double Dropout { get; init; }

    /// <summary>LSTM peepholes. Default false.</summary>
    public bool Peepholes { get; init; }

    /// <summary>Characters (default) or words, with their min count and lowercasing (<see cref="TextTokenization"/>).
    /// </summary>
    public TextTokenization Tokens { get; init; } = TextTokenization.Chars;

    /// <summary>The head shares the embedding matrix (needs <see cref="Embedding"/> = <see cref="HiddenSize"/>).
    /// Default false.</summary>
    public bool TieWeights { get; init; }

    /// <summary>Dropout on the embeddings, in [0, 1). Default 0.</summary>
    public double EmbeddingDropout { get; init; }

    /// <summary>Dropout on the top layer's output before the head, in [0, 1). Default 0.</summary>
    public double OutputDropout { get; init; }

    /// <summary>When &gt; 0, embed.weight and head.weight start U(−r, r) and head.bias 0, as PyTorch's
    /// word_language_model initialises its encoder and decoder (r = 0.1); 0 (default) keeps the modules'
    /// defaults.</summary>
    public double InitRange { get; init; }

    /// <summary>Divide the learning rate by this whenever a validation loss is not below the best one so far
    /// (PyTorch's word_language_model: 4); 1 (default) never does.</summary>
    public double AnnealFactor { get; init; } = 1;

    /// <summary>T, steps per batch (the truncation length). Default 50.</summary>
    public int SequenceLength { get; init; } = 50;

    /// <summary>B, parallel streams per batch. Default 50.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Optimizer name (<see cref="Optimizers.OptimizerFactory.Names"/>). Default rmsprop.</summary>
    public string Optimizer { get; init; } = "rmsprop";

    /// <summary>Initial learning rate. Default 2e-3.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Factor applied to the learning rate at every completed epoch: η = η₀ · decay^epoch. Default 1
    /// (off).</summary>
    public double LearningRateDecay { get; init; } = 1;

    /// <summary>Clip the global gradient norm to this value; 0 turns clipping off. Default 5.</summary>
    public double GradientClip { get; init; } = 5;

    /// <summary>Stop once this many optimizer steps have been taken in all (a resumed run counts the earlier ones);
    /// null = no limit.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Stop once this many epochs are complete in all; null = no limit.</summary>
    public int? Epochs { get; init; }

    /// <summary>Stop after this many minutes of this run's wall time; null = no limit. At least one limit must be
    /// set.</summary>
    public double? Minutes { get; init; }

    /// <summary>Share of the text, from its start, to train on. Default 0.95.</summary>
    public double TrainFraction { get; init; } = 0.95;

    /// <summary>Share of the text, from its end, to validate on. Default 0.05.</summary>
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>Steps between validations (and saves of the last and best checkpoints). Default 200.</summary>
    public int EvalEvery { get; init; } = 200;

    /// <summary>Steps between generated samples reported through progress; 0 = never. Default 500.</summary>
    public int SampleEvery { get; init; } = 500;

    /// <summary>Steps between points of the learning curve (mean training loss since the previous point). Default
    /// 20.</summary>
    public int CurveEvery { get; init; } = 20;

    /// <summary>Characters in a sample reported during training. Default 200.</summary>
    public int SampleLength { get; init; } = 200;

    /// <summary>Characters in the final sample written to sample.txt. Default 1000.</summary>
    public int FinalSampleLength { get; init; } = 1000;

    /// <summary>Temperature of every sample the trainer generates. Default 0.8.</summary>
    public double SampleTemperature { get; init; } = 0.8;

    /// <summary>A training loss above this multiple of the first step's loss counts as divergence. Default 3.</summary>
    public double DivergenceFactor { get; init; } = 3;

    /// <summary>Seeds initialisation (seed), dropout (seed + 1) and samples (seed + 2 + step). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The model's shape for a vocabulary of <paramref name="vocabularySize"/> characters.</summary>
    public CharLanguageModelConfig ModelConfig(int vocabularySize) =>
        new(Model, vocabularySize, HiddenSize, NumLayers, Embedding, Dropout, Peepholes, TieWeights: TieWeights,
            EmbeddingDropout: EmbeddingDropout, OutputDropout: OutputDropout);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        ModelConfig(1).Validate();
        ArgumentNullException.ThrowIfNull(Tokens);
        Tokens.Validate();
        if (!(InitRange >= 0 && double.IsFinite(InitRange)))
            throw new ArgumentException($"init range must be ≥ 0 (0 = the modules' defaults), got {InitRange}");
        if (!(AnnealFactor >= 1 && double.IsFinite(AnnealFactor)))
            throw new ArgumentException($"anneal factor must be ≥ 1 (1 = off), got {AnnealFactor}");
        if (SequenceLength < 1)
            throw new ArgumentException($"sequence length must be at least 1, got {SequenceLength}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be at least 1, got {BatchSize}");
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)))
            throw new ArgumentException($"learning rate must be a positive number, got {LearningRate}");
        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1))
            throw new ArgumentException($"learning-rate decay must lie in (0, 1], got {LearningRateDecay}");
        if (!(GradientClip >= 0 && double.IsFinite(GradientClip)))
            throw new ArgumentException($"gradient clip must be ≥ 0 (0 = off), got {GradientClip}");
        if (MaxSteps is null && Epochs is null && Minutes is null)
            throw new ArgumentException("set at least one of max steps, epochs or minutes, or training never stops");
        if (MaxSteps is < 1) throw new ArgumentException($"max steps must be at least 1, got {MaxSteps}");
        if (Epochs is < 1) throw new ArgumentException($"epochs must be at least 1, got {Epochs}");
        if (Minutes is double m && !(m > 0 && double.IsFinite(m)))
            throw new ArgumentException($"minutes must be a positive number, got {m}");
        if (EvalEvery < 1) throw new ArgumentException($"eval-every must be at least 1, got {EvalEvery}");
        if (SampleEvery < 0) throw new ArgumentException($"sample-every must be ≥ 0 (0 = never), got {SampleEvery}");
        if (CurveEvery < 1) throw new ArgumentException($"curve-every must be at least 1, got {CurveEvery}");
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentException($"validation fraction must lie in (0, 1), got {ValidationFraction}");
        if (!(TrainFraction > 0 && TrainFraction + ValidationFraction <= 1 + 1e-12))
            throw new ArgumentException($"train fraction must be > 0 and train + validation fractions at most 1, got " +
                $"{TrainFraction} + {ValidationFraction}");
    }
}
