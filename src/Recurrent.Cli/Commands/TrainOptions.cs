namespace Recurrent.Cli.Commands;

/// <summary>
/// Options of <c>recurrent train</c>, one per flag. With --resume, the model, batch, sequence, optimizer and split
/// flags that are not given are taken from the checkpoint; given ones must match it.
/// </summary>
public sealed record TrainOptions
{
    /// <summary>--data: UTF-8 text to train on; null uses the bundled data/moby-dick.txt.</summary>
    public string? Data { get; init; }

    /// <summary>--tokens: chars or words. Default chars.</summary>
    public string Tokens { get; init; } = "chars";

    /// <summary>--valid: a UTF-8 text to validate on instead of the end of --data. Default none.</summary>
    public string? Valid { get; init; }

    /// <summary>--min-count: words seen fewer times in the training text become &lt;unk&gt;. Default 1.</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>--lowercase: lowercase every word. Default off.</summary>
    public bool Lowercase { get; init; }

    /// <summary>--tie-weights: the output layer shares the embedding matrix (needs --embedding = --hidden). Default
    /// off.</summary>
    public bool TieWeights { get; init; }

    /// <summary>--recipe: a preset of the flags below (<see cref="TrainRecipes"/>); flags given explicitly win.
    /// Default none.</summary>
    public string? Recipe { get; init; }

    /// <summary>--model: lstm, gru or rnn. Default lstm.</summary>
    public string Model { get; init; } = "lstm";

    /// <summary>--hidden: units per layer. Default 128 (char-rnn's rnn_size).</summary>
    public int Hidden { get; init; } = 128;

    /// <summary>--layers: recurrent layers. Default 2.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>--embedding: embedding width; 0 feeds one-hot vectors. Default 0.</summary>
    public int Embedding { get; init; }

    /// <summary>--dropout: dropout between recurrent layers, in [0, 1). Default 0.</summary>
    public double Dropout { get; init; }

    /// <summary>--peephole: LSTM peephole connections. Default off.</summary>
    public bool Peephole { get; init; }

    /// <summary>--seq-length: T, steps per batch (BPTT truncation). Default 50.</summary>
    public int SeqLength { get; init; } = 50;

    /// <summary>--batch-size: B, parallel streams. Default 50.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>--optimizer: sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw. Default rmsprop.</summary>
    public string Optimizer { get; init; } = "rmsprop";

    /// <summary>--learning-rate: initial step size. Default 0.002.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>--lr-decay: the rate is multiplied by this at every completed epoch. Default 1 (no decay).</summary>
    public double LrDecay { get; init; } = 1;

    /// <summary>--grad-clip: clip the global gradient norm to this; 0 = off. Default 5.</summary>
    public double GradClip { get; init; } = 5;

    /// <summary>--anneal: divide the learning rate by this whenever a validation is not a new best; 1 = off.
    /// Default 1.</summary>
    public double AnnealFactor { get; init; } = 1;

    /// <summary>--max-steps: stop at this many steps in all. Default none.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>--epochs: stop when this many epochs are complete in all. Default none.</summary>
    public int? Epochs { get; init; }

    /// <summary>--minutes: stop after this many minutes of this run. Default 3 when no limit is given, else
    /// none.</summary>
    public double? Minutes { get; init; }

    /// <summary>--train-frac: share of the text, from its start, to train on. Default 0.95.</summary>
    public double TrainFrac { get; init; } = 0.95;

    /// <summary>--val-frac: share of the text, from its end, to validate on. Default 0.05.</summary>
    public double ValFrac { get; init; } = 0.05;

    /// <summary>--eval-every: steps between validations and checkpoint saves (0, only from a recipe: once per
    /// epoch). Default 200.</summary>
    public int EvalEvery { get; init; } = 200;

    /// <summary>--sample-every: steps between printed samples; 0 = never. Default 500.</summary>
    public int SampleEvery { get; init; } = 500;

    /// <summary>--curve-every: steps between points of curve.csv (the mean training loss since the previous).
    /// Default 20.</summary>
    public int CurveEvery { get; init; } = 20;

    /// <summary>--log-every: steps between plain log lines when the output is not a terminal. Default 50.</summary>
    public int LogEvery { get; init; } = 50;

    /// <summary>--out: folder for the checkpoints, curve and sample. Default out/train (the --resume folder when
    /// resuming).</summary>
    public string? Out { get; init; }

    /// <summary>--resume: a training output folder (or a file in it) to continue. Default none.</summary>
    public string? Resume { get; init; }

    /// <summary>--seed: seeds initialisation, dropout and samples. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>--threads: GEMM worker threads. Default all cores.</summary>
    public int? Threads { get; init; }

    /// <summary>The budget when none of --max-steps, --epochs, --minutes is given.</summary>
    public const double DefaultMinutes = 3;
}
