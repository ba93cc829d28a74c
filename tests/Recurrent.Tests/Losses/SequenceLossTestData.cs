using System.Numerics;
using Recurrent.Losses;
using Recurrent.Tensors;

namespace Recurrent.Tests.Losses;

/// <summary>
/// Sequence losses by test name (a kind plus its option, e.g. "ce-smooth" = cross-entropy with ε = 0.1,
/// "ce-weighted" with class weights for K = 4, one of them 0 with smoothing) and random
/// inputs in each loss's domain: logits and class ids for cross-entropy, targets in [0, 1] for BCE on logits.
/// </summary>
internal static class SequenceLossTestData
{
    public static TheoryData<string> Names() =>
        new() { "ce", "ce-smooth", "ce-weighted", "ce-weighted-smooth", "mse", "mae", "huber", "huber-0.5",
            "bce-logits", "pinball", "pinball-median" };

    public static SequenceLoss<T> Create<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        "ce" => SequenceLoss<T>.Create(LossKind.CrossEntropy),
        "ce-smooth" => new CrossEntropyLoss<T>(labelSmoothing: 0.1),
        "ce-weighted" => new CrossEntropyLoss<T>(classWeights: [0.5f, 2f, 1f, 3f]),
        "ce-weighted-smooth" => new CrossEntropyLoss<T>(labelSmoothing: 0.1, classWeights: [0.5f, 2f, 0f, 3f]),
        "mse" => SequenceLoss<T>.Create(LossKind.MeanSquaredError),
        "mae" => SequenceLoss<T>.Create(LossKind.MeanAbsoluteError),
        "huber" => SequenceLoss<T>.Create(LossKind.Huber),
        "huber-0.5" => new HuberLoss<T>(delta: 0.5),
        "bce-logits" => SequenceLoss<T>.Create(LossKind.BinaryCrossEntropyWithLogits),
        "pinball" => new PinballLoss<T>([0.1, 0.9]), // K = 4: two outputs per level
        "pinball-median" => SequenceLoss<T>.Create(LossKind.Pinball),
        _ => throw new ArgumentException(name),
    };

    /// <summary>True for losses with kinks (MAE, Huber, pinball), checked with small central differences.</summary>
    public static bool IsPiecewise(string name) => name is "mae" or "huber" or "huber-0.5" or "pinball"
        or "pinball-median";

    /// <summary>(T, B, K) = (3, 2, 4) when <paramref name="sequence"/>, else (B, K) = (3, 4).</summary>
    public static int[] Shape(bool sequence) => sequence ? [3, 2, 4] : [3, 4];

    /// <summary>A mask with zeros: lengths (3, 1) as (T, B) for a sequence, (1, 0, 1) as (B) otherwise.</summary>
    public static Tensor<double> Mask(bool sequence) =>
        sequence ? SequenceMask.FromLengths<double>([3, 1], steps: 3) : Tensor<double>.From([1.0, 0, 1], 3);

    public static (Tensor<double> Prediction, SequenceTargets<double> Targets) Batch(bool classes, string name,
        int[] shape, int seed)
    {
        var rng = new Random(seed);
        var prediction = new Tensor<double>(shape);
        foreach (ref double y in prediction.Span) y = 4 * rng.NextDouble() - 2;
        int k = shape[^1], rows = prediction.Length / k;
        if (classes)
        {
            var ids = new int[rows];
            for (int r = 0; r < rows; r++) ids[r] = rng.Next(k);
            return (prediction, ids);
        }
        var target = new Tensor<double>(shape);
        foreach (ref double t in target.Span) t = name == "bce-logits" ? rng.NextDouble() : 4 * rng.NextDouble() - 2;
        return (prediction, target);
    }

    public static SequenceTargets<float> ToFloat(SequenceTargets<double> targets) => targets.IsClasses
        ? SequenceTargets<float>.Classes(targets.ClassIds)
        : SequenceTargets<float>.Values(targets.ValueTensor!.Convert<float>());
}
