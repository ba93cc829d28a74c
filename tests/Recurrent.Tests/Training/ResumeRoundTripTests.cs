using Recurrent.Data;
using Recurrent.Optimizers;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Training;

namespace Recurrent.Tests.Training;

/// <summary>
/// The resume pieces together: batcher cursor, RNG, optimizer, carried state and loss history go through a
/// training-state file, and a stand-in training loop continues bit for bit as if never stopped.
/// </summary>
public sealed class ResumeRoundTripTests : IDisposable
{
    private const int Batch = 3, Steps = 5, Vocabulary = 6, Total = 40, StopAt = 17;
    private readonly string _directory = Directory.CreateTempSubdirectory("resume-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void StoppedAndResumedRun_EqualsTheUninterruptedRun()
    {
        var data = Enumerable.Range(0, 200).Select(i => (i * 7 + i / 5) % Vocabulary).ToArray();

        var straight = new Run(data);
        for (int s = 0; s < Total; s++) straight.Step();

        var first = new Run(data);
        for (int s = 0; s < StopAt; s++) first.Step();
        var path = Path.Combine(_directory, "state.safetensors");
        first.Save(path);

        var resumed = Run.Resume(data, path);
        for (int s = StopAt; s < Total; s++) resumed.Step();

        Assert.True(straight.Weights.AsSpan().SequenceEqual(resumed.Weights), "weights differ after resuming");
        Assert.True(straight.Hidden.Span.SequenceEqual(resumed.Hidden.Span), "carried state differs after resuming");
        Assert.Equal(straight.Batcher.Cursor, resumed.Batcher.Cursor);
        Assert.Equal(straight.Rng.GetState(), resumed.Rng.GetState());
        Assert.Equal(straight.Curve.ToCsv(), resumed.Curve.ToCsv());
    }

    /// <summary>A toy training loop with every kind of state a char-rnn run has; the "gradient" is made up but
    /// deterministic.</summary>
    private sealed class Run
    {
        private readonly int[] _inputs = new int[Steps * Batch], _targets = new int[Steps * Batch];
        private readonly float[] _gradient = new float[Vocabulary * Vocabulary];

        public Run(int[] data)
        {
            Batcher = new CharStreamBatcher(data, Batch, Steps);
            new GlorotUniformInitializer().Fill<float>(Weights, [Vocabulary, Vocabulary], Rng);
        }

        public CharStreamBatcher Batcher { get; }
        public ResumableRandom Rng { get; } = new(123);
        public Adam<float> Optimizer { get; } = new(new AdamOptions(0.01));
        public float[] Weights { get; } = new float[Vocabulary * Vocabulary];
        public Tensor<float> Hidden { get; } = new(Batch, Vocabulary);
        public LearningCurve Curve { get; private set; } = new();

        public void Step()
        {
            if (Batcher.Next(_inputs, _targets)) Hidden.Clear();
            Array.Clear(_gradient);
            double loss = 0;
            for (int i = 0; i < _inputs.Length; i++)
            {
                int b = i % Batch;
                float keep = Rng.NextDouble() < 0.8 ? 1.25f : 0f; // dropout-like use of the RNG
                for (int v = 0; v < Vocabulary; v++)
                    Hidden[b, v] = 0.5f * Hidden[b, v] + keep * Weights[_inputs[i] * Vocabulary + v];
                _gradient[_inputs[i] * Vocabulary + _targets[i]] += Hidden[b, _targets[i]] - 1;
                loss += Math.Abs(Hidden[b, _targets[i]] - 1);
            }
            Optimizer.Step(Weights, _gradient);
            Curve.Add(Optimizer.StepCount, loss / _inputs.Length, Optimizer.StepCount % 10 == 0 ? loss : null);
        }

        public void Save(string path)
        {
            var state = new TrainingState();
            state.Step = Optimizer.StepCount;
            state.Epoch = Batcher.Cursor.Epoch;
            state.Cursor = Batcher.Cursor;
            state.RandomState = Rng.GetStateText();
            state.LossHistory = Curve.Points;
            state.SetOptimizer(Optimizer.ExportState());
            state.SetHidden("h", Hidden);
            state.SetTensor<float>("weights", Weights, [Vocabulary, Vocabulary]); // the weights file, in real life
            state.Save(path);
        }

        public static Run Resume(int[] data, string path)
        {
            var state = TrainingState.Load(path);
            var run = new Run(data);
            state.GetTensor<float>("weights").Span.CopyTo(run.Weights);
            run.Batcher.Cursor = state.Cursor;
            run.Rng.SetStateText(state.RandomState);
            run.Optimizer.ImportState(state.GetOptimizer<float>());
            state.CopyHidden("h", run.Hidden);
            run.Curve = new LearningCurve(state.LossHistory);
            return run;
        }
    }
}
