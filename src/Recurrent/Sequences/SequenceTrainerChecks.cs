using Recurrent.Data;
using Recurrent.Losses;

namespace Recurrent.Sequences;

/// <summary>
/// What ties a <see cref="SequenceDataset"/> to a <see cref="SequenceModel"/> in training: the checks that they fit
/// (with messages that say what the model expects and what the data holds), the loss and metric their targets call
/// for, and a batch's inputs and targets in the model's terms.
/// </summary>
internal static class SequenceTrainerChecks
{
    /// <summary>The loss and the validation metric for the data's targets, after checking data against model.</summary>
    public static (SequenceLoss<float> Loss, SequenceMetric<float> Metric) LossAndMetric(SequenceModelOptions model,
        SequenceDataset train, SequenceDataset? validation, SequenceTrainerOptions options)
    {
        Fits(model, train, "training data");
        if (validation is not null)
        {
            Fits(model, validation, "validation data");
            if (validation.TargetKind != train.TargetKind)
                throw new ArgumentException(
                    $"validation data: expected {train.TargetKind} targets as in the training data, got " +
                        $"{validation.TargetKind}");
        }
        bool classes = train.TargetKind is SequenceTargetKind.Class or SequenceTargetKind.StepClasses;
        var loss = options.Loss ?? (classes ? LossKind.CrossEntropy : LossKind.MeanSquaredError);
        SequenceLoss<float> lossFunction = loss switch
        {
            LossKind.CrossEntropy => new CrossEntropyLoss<float>(options.LabelSmoothing, options.ClassWeights),
            LossKind.Huber => new HuberLoss<float>(options.HuberDelta),
            LossKind.Pinball => new PinballLoss<float>(options.Quantiles),
            _ => SequenceLoss<float>.Create(loss),
        };
        if (options.ClassWeights is { } weights)
        {
            if (lossFunction is not CrossEntropyLoss<float>)
                throw new ArgumentException($"ClassWeights: only the cross-entropy takes class weights, the loss is " +
                    $"{lossFunction.Name}");
            if (weights.Length != model.OutputSize)
                throw new ArgumentException($"ClassWeights: expected one per output, K = {model.OutputSize}, got " +
                    $"{weights.Length}");
        }
        if (lossFunction.UsesClassTargets != classes)
            throw new ArgumentException($"Loss: {lossFunction.Name} takes " +
                $"{(lossFunction.UsesClassTargets ? "class" : "value")} " +
                $"targets, but the data's are {train.TargetKind}");
        // a quantile model is judged by its own loss: the RMSE of its outer quantiles would reward narrow intervals
        var metricKind = options.Metric ?? (classes ? MetricKind.Accuracy
            : loss == LossKind.Pinball ? MetricKind.Pinball : MetricKind.RootMeanSquaredError);
        var metric = metricKind == MetricKind.Pinball ? new PinballMetric<float>(options.Quantiles)
            : SequenceMetric<float>.Create(metricKind);
        if (metric.UsesClassTargets != classes)
            throw new ArgumentException($"Metric: {metric.Name} takes " +
                $"{(metric.UsesClassTargets ? "class" : "value")} " +
                $"targets, but the data's are {train.TargetKind}");
        return (lossFunction, metric);
    }

    /// <summary>The model's outputs for a batch: features or token ids, with its lengths.</summary>
    public static Tensor<float> Forward(SequenceNetwork<float> network, TimeMajorBatch batch) =>
        batch.Features is { } x
            ? network.Forward(x, batch.Lengths)
            : network.ForwardTokens(batch.TokenIds, batch.Steps, batch.Size, batch.Lengths);

    /// <summary>The batch's targets, and the mask of a per-step head (a per-sequence head counts every
    /// sequence).</summary>
    public static (SequenceTargets<float> Targets, Tensor<float>? Mask) Targets(TimeMajorBatch batch, HeadKind head)
    {
        SequenceTargets<float> targets = batch.ClassIds is { } classes ? classes
            : batch.StepClassIds is { } stepClasses ? stepClasses
            : batch.Values is { } values ? values
            : batch.StepValues ?? throw new ArgumentException("the batch has no targets");
        return (targets, head == HeadKind.PerStep ? batch.Mask : null);
    }

    private static void Fits(SequenceModelOptions model, SequenceDataset data, string what)
    {
        if (data.IsTokens != (model.Input == InputKind.Tokens))
            throw new ArgumentException($"{what}: the model reads {model.Input}, the data holds " +
                $"{(data.IsTokens ? "token ids" : "features")}");
        if (data.IsTokens ? data.TokenCount > model.InputSize : data.FeatureCount != model.InputSize)
            throw new ArgumentException(data.IsTokens
                ? $"{what}: the model reads ids below V = {model.InputSize}, the data has {data.TokenCount} tokens"
                : $"{what}: the model reads F = {model.InputSize} features per step, the data has {data.FeatureCount}");
        var (head, outputs) = data.TargetKind switch
        {
            SequenceTargetKind.Class => (HeadKind.PerSequence, data.ClassCount),
            SequenceTargetKind.Values => (HeadKind.PerSequence, data.TargetWidth),
            SequenceTargetKind.StepClasses => (HeadKind.PerStep, data.ClassCount),
            SequenceTargetKind.StepValues => (HeadKind.PerStep, data.TargetWidth),
            _ => throw new ArgumentException($"{what}: the sequences have no targets to train on"),
        };
        if (head != model.Head)
            throw new ArgumentException($"{what}: {data.TargetKind} targets need a {head} head, the model has " +
                $"{model.Head}");
        if (outputs != model.OutputSize)
            throw new ArgumentException($"{what}: the model has K = {model.OutputSize} outputs, the targets need " +
                $"{outputs}");
    }
}
