using Recurrent.Data;
using Recurrent.Layers;
using Recurrent.Losses;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Training;

/// <summary>
/// Mini-batch training of a classifier whose output is one logit per class, under fused softmax
/// cross-entropy: shuffle, forward, loss, backward, clip, step. Works for any <see cref="ILayer{T}"/>.
/// </summary>
public sealed class ClassifierTrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T> _model;
    private readonly ParameterSet<T> _parameters;
    private readonly IOptimizer<T> _optimizer;
    private readonly ILearningRateSchedule _schedule;
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private readonly Dictionary<int, (Tensor<T> Features, Tensor<T> Gradient, int[] Labels)> _batches = [];
    private int _step;

    /// <summary>Trains <paramref name="model"/>, whose parameters all live in <paramref name="parameters"/>.</summary>
    public ClassifierTrainer(ILayer<T> model, ParameterSet<T> parameters, IOptimizer<T> optimizer,
        ILearningRateSchedule schedule)
    {
        _model = model;
        _parameters = parameters;
        _optimizer = optimizer;
        _schedule = schedule;
    }

    /// <summary>Runs <see cref="ClassifierTrainingOptions.Epochs"/> epochs over <paramref name="data"/>, reporting
    /// after each.</summary>
    public void Train(ClassificationDataset data, ClassifierTrainingOptions options,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellation = default)
    {
        options.Validate();
        var rng = new Random(options.Seed);
        var order = Enumerable.Range(0, data.Count).ToArray();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double lossSum = 0;
            int correct = 0;
            for (int start = 0; start < data.Count; start += options.BatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                int size = Math.Min(options.BatchSize, data.Count - start);
                var (features, gradient, labels) = Workspace(size, data);
                data.FillBatch(order.AsSpan(start, size), features, labels);

                _parameters.ZeroGradients();
                var logits = _model.Forward(features);                                 // (B, classes)
                T loss = _loss.Compute(logits, labels, null, gradient);                // mean over the batch
                if (!T.IsFinite(loss))
                    throw new TrainingDivergedException($"training diverged: the loss became {loss} at epoch {epoch}",
                        _schedule.At(_step), "; try a smaller learning rate or a ClipNorm");
                correct += CountCorrect(logits, labels);
                _model.Backward(gradient);
                if (options.ClipNorm > 0) GradientClipping.ClipByGlobalNorm(_parameters.Gradients, options.ClipNorm);
                _optimizer.LearningRate = _schedule.At(_step++);
                _optimizer.Step(_parameters);
                lossSum += double.CreateChecked(loss) * size;
            }
            progress?.Report(new EpochReport(epoch, options.Epochs,
                lossSum / data.Count, (double)correct / data.Count));
        }
    }

    /// <summary>Predicts every example of <paramref name="data"/> and counts (actual, predicted) pairs.</summary>
    public ConfusionMatrix Evaluate(ClassificationDataset data, int batchSize = 256)
    {
        var matrix = new ConfusionMatrix(data.ClassCount);
        var indices = Enumerable.Range(0, data.Count).ToArray();
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int size = Math.Min(batchSize, data.Count - start);
            var (features, _, labels) = Workspace(size, data);
            data.FillBatch(indices.AsSpan(start, size), features, labels);
            var logits = _model.Forward(features);
            for (int i = 0; i < size; i++) matrix.Add(labels[i], ArgMax(logits.Row(i)));
        }
        return matrix;
    }

    /// <summary>The predicted class of example <paramref name="index"/> of <paramref name="data"/>.</summary>
    public int Predict(ClassificationDataset data, int index)
    {
        var (features, _, labels) = Workspace(1, data);
        data.FillBatch([index], features, labels);
        return ArgMax(_model.Forward(features).Row(0));
    }

    private (Tensor<T> Features, Tensor<T> Gradient, int[] Labels) Workspace(int size, ClassificationDataset data)
    {
        if (!_batches.TryGetValue(size, out var w))
        {
            w = (new Tensor<T>(size, data.FeatureCount), new Tensor<T>(size, data.ClassCount), new int[size]);
            _batches[size] = w;
        }
        return w;
    }

    private static int CountCorrect(Tensor<T> logits, int[] labels)
    {
        int correct = 0;
        for (int i = 0; i < logits.Rows; i++) if (ArgMax(logits.Row(i)) == labels[i]) correct++;
        return correct;
    }

    private static int ArgMax(ReadOnlySpan<T> row) => TensorPrimitives.IndexOfMax(row);
}
