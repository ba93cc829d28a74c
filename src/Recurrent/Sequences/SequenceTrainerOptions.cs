using Recurrent.Losses;
using Recurrent.Optimizers;

namespace Recurrent.Sequences;

/// <summary>How a <see cref="SequenceTrainer"/> trains; every default is commented.</summary>
public sealed record SequenceTrainerOptions
{
    /// <summary>The loss; null (default) picks cross-entropy for class targets and MSE for values.</summary>
    public LossKind? Loss { get; init; }

    /// <summary>Label smoothing ε of the cross-entropy, in [0, 1) (default 0).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Class weights a (K) of the cross-entropy, one per model output, finite, ≥ 0 and not all 0: a row of
    /// class c counts a_c times in the loss, which is divided by the rows' total weight (PyTorch's weight); the
    /// validation loss uses them too. Null (default) weighs every class 1. For imbalanced labels see
    /// <see cref="Data.ClassWeights.InverseFrequency"/>.</summary>
    public float[]? ClassWeights { get; init; }

    /// <summary>The levels τ_1 &lt; … &lt; τ_Q in (0, 1) of the pinball loss and metric
    /// (<see cref="LossKind.Pinball"/>, <see cref="MetricKind.Pinball"/>), whose K outputs are Q blocks; null (default)
    /// is the median alone.</summary>
    public double[]? Quantiles { get; init; }

    /// <summary>δ of the Huber loss (default 1).</summary>
    public double HuberDelta { get; init; } = 1;

    /// <summary>The validation metric early stopping and the best checkpoint follow; null (default) picks accuracy for
    /// class targets and RMSE for values.</summary>
    public MetricKind? Metric { get; init; }

    /// <summary>The optimizer (default Adam, PyTorch's settings).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The learning rate (default 1e-3, Adam's).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Multiplies the learning rate once per completed epoch: LearningRate · LearningRateDecay^epoch, in
    /// (0, 1] (default 1, constant; char-rnn's decay). A <see cref="Schedule"/> takes precedence.</summary>
    public double LearningRateDecay { get; init; } = 1;

    /// <summary>A learning-rate schedule by step; null (default) keeps <see cref="LearningRate"/>.</summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>Sequences per batch (default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Shuffle the training sequences every epoch (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Bucket by length over this many batches so little is padded; 0 or 1 turns it off (default 4).</summary>
    public int BucketBatches { get; init; } = 4;

    /// <summary>Stop after this many epochs in all, counting resumed ones (default 10; null for no limit).</summary>
    public int? Epochs { get; init; } = 10;

    /// <summary>Stop after this many optimizer steps in all (default none).</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Stop after this much time in this run (default none).</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Clip the global gradient norm to this value; 0 turns clipping off (default 5).</summary>
    public double GradientClip { get; init; } = 5;

    /// <summary>Stop when the validation metric has not improved by <see cref="MinImprovement"/> for this many
    /// evaluations; null (default) never stops early.</summary>
    public int? Patience { get; init; }

    /// <summary>The least change of the metric that counts as better (default 0).</summary>
    public double MinImprovement { get; init; }

    /// <summary>Evaluate every this many steps; 0 (default) at the end of every epoch.</summary>
    public int EvaluateEvery { get; init; }

    /// <summary>Seed of the shuffling (the weights and dropout have the model's own seed) (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Where best.safetensors, last.safetensors and last.state.safetensors are written (atomically, at every
    /// evaluation and at the end); null (default) writes nothing.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>
    /// Train data-parallel over this communicator's ranks (e.g. <see cref="Distributed.MpiCommunicator"/> under
    /// <c>mpirun</c>); every rank runs the same trainer with the same options and data, and takes its share of each
    /// batch's sequences. Null (default) trains in this process alone. See docs/distributed.md.
    /// </summary>
    public Distributed.ICommunicator? Communicator { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> that names the first option out of range.</summary>
    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentException($"BatchSize: expected ≥ 1, got {BatchSize}");
        if (!(LearningRate > 0)) throw new ArgumentException($"LearningRate: expected > 0, got {LearningRate}");
        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1))
            throw new ArgumentException($"LearningRateDecay: expected (0, 1], got {LearningRateDecay}");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1))
            throw new ArgumentException($"LabelSmoothing: expected [0, 1), got {LabelSmoothing}");
        if (ClassWeights is not null) Data.ClassWeights.Validate(ClassWeights, nameof(ClassWeights));
        if (Quantiles is not null) Losses.Quantiles.Validate(Quantiles, nameof(Quantiles));
        if (!(HuberDelta > 0)) throw new ArgumentException($"HuberDelta: expected > 0, got {HuberDelta}");
        if (!(GradientClip >= 0)) throw new ArgumentException($"GradientClip: expected ≥ 0, got {GradientClip}");
        if (Epochs is < 1) throw new ArgumentException($"Epochs: expected ≥ 1 or null, got {Epochs}");
        if (MaxSteps is < 1) throw new ArgumentException($"MaxSteps: expected ≥ 1 or null, got {MaxSteps}");
        if (TimeBudget is { } budget && budget <= TimeSpan.Zero)
            throw new ArgumentException($"TimeBudget: expected a positive time, got {budget}");
        if (Epochs is null && MaxSteps is null && TimeBudget is null && Patience is null)
            throw new ArgumentException("no limit: give Epochs, MaxSteps, TimeBudget or Patience");
        if (Patience is < 1) throw new ArgumentException($"Patience: expected ≥ 1 or null, got {Patience}");
        if (EvaluateEvery < 0) throw new ArgumentException($"EvaluateEvery: expected ≥ 0, got {EvaluateEvery}");
        if (BucketBatches < 0) throw new ArgumentException($"BucketBatches: expected ≥ 0, got {BucketBatches}");
    }
}
