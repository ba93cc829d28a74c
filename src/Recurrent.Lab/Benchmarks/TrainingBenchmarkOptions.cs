using Recurrent.Layers.Recurrent;

namespace Recurrent.Lab.Benchmarks;

/// <summary>The workload of <see cref="TrainingBenchmark"/>: char-rnn's training step on random characters.</summary>
/// <param name="Cell">The recurrent cell (default LSTM).</param>
/// <param name="HiddenSize">H of every layer (default 128, char-rnn's).</param>
/// <param name="NumLayers">L (default 2).</param>
/// <param name="Batch">B sequences per step (default 50).</param>
/// <param name="SequenceLength">T steps of BPTT (default 50).</param>
/// <param name="Vocabulary">V characters, the one-hot input width and the head's outputs (default 65,
/// Shakespeare's).</param>
/// <param name="Steps">Timed training steps; the median is reported (default 10).</param>
/// <param name="WarmUpSteps">Untimed steps first, so compilation, buffers and worker threads settle (default
/// 3).</param>
/// <param name="MaxGradientNorm">Global-norm clipping bound (default 5, char-rnn's).</param>
/// <param name="LearningRate">RMSprop's γ (default 2e-3, char-rnn's).</param>
/// <param name="Seed">Seeds the weights and the random data (default 1234).</param>
public sealed record TrainingBenchmarkOptions(
    CellKind Cell = CellKind.Lstm,
    int HiddenSize = 128,
    int NumLayers = 2,
    int Batch = 50,
    int SequenceLength = 50,
    int Vocabulary = 65,
    int Steps = 10,
    int WarmUpSteps = 3,
    double MaxGradientNorm = 5,
    double LearningRate = 2e-3,
    int Seed = 1234)
{
    /// <summary>Throws when a size or count is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(NumLayers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SequenceLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(Vocabulary, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Steps);
        ArgumentOutOfRangeException.ThrowIfNegative(WarmUpSteps);
        if (!(MaxGradientNorm > 0))
            throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), $"must be > 0, got {MaxGradientNorm}");
        if (!(LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"must be > 0, got {LearningRate}");
    }

    /// <summary>Gates per cell: 4 (LSTM), 3 (GRU), 1 (RNN).</summary>
    public int GateCount => Cell switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };

    /// <summary>
    /// Model FLOPs of one training step: 2 per multiply-add of the matrix products a dense implementation needs,
    /// counted the same way for every implementation (N = T·B rows, GH = gates·H, I_l = V for layer 0 and H above):
    /// forward, per layer 2·N·GH·(I_l + H) (input and recurrent products) and the head 2·N·V·H;
    /// backward, per layer 2·N·GH·H (gradient to h_{t−1}) + 2·N·GH·(I_l + H) (weight gradients) + 2·N·GH·I_l for
    /// layers above the first (gradient to the layer below; the one-hot input needs none), and the head 2·2·N·V·H.
    /// The one-hot input counts as a dense (N, V) operand, as PyTorch multiplies it; element-wise work (gates, softmax,
    /// clipping, RMSprop) is not counted.
    /// </summary>
    public double FlopsPerStep
    {
        get
        {
            double n = (double)SequenceLength * Batch, gh = GateCount * (double)HiddenSize, h = HiddenSize, total = 0;
            for (int l = 0; l < NumLayers; l++)
            {
                double input = l == 0 ? Vocabulary : h;
                total += 2 * n * gh * (input + h);            // forward
                total += 2 * n * gh * h + 2 * n * gh * (input + h); // dh_{t−1}, dW_ih and dW_hh
                if (l > 0) total += 2 * n * gh * input;       // dx to the layer below
            }
            return total + 3 * 2 * n * Vocabulary * h;        // head: forward, dW, dh
        }
    }

    /// <summary>Scalars of the model: the stack's weights and biases and the head's.</summary>
    public long ParameterCount
    {
        get
        {
            long gh = GateCount * (long)HiddenSize, count = 0;
            for (int l = 0; l < NumLayers; l++) count += gh * ((l == 0 ? Vocabulary : HiddenSize) + HiddenSize + 2);
            return count + (long)Vocabulary * (HiddenSize + 1);
        }
    }

    /// <summary>
    /// Bytes a training step cannot do without, in float32: weights, gradients and RMSprop's square average (3 per
    /// parameter), the saved activations backward reads (per layer and step the gate values, gates·H, and h; for an
    /// LSTM also c and tanh c, for a GRU also the recurrent product of n, W_hn h + b_hn, that r multiplies; per step
    /// the logits' softmax), and the one-hot input batch. The Elman RNN counts h alone: its one gate value is h itself
    /// and f′ can be had from h, so a step needs no more, even though this implementation also keeps a per step (the
    /// storage its gate gradients go to for the weight gradients' one GEMM after the time loop, DESIGN.md principle 3).
    /// </summary>
    public long RequiredBytes
    {
        get
        {
            long n = (long)SequenceLength * Batch, h = HiddenSize;
            long perRow = Cell switch { CellKind.Lstm => 4 * h + 3 * h, CellKind.Gru => 3 * h + h + h, _ => h };
            long activations = NumLayers * n * perRow + n * Vocabulary + n * Vocabulary;
            return 4 * (3 * ParameterCount + activations);
        }
    }
}
