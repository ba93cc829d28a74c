using Recurrent.Losses;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Losses;

/// <summary>The snippet of docs/getting-started.md#losses-and-metrics, compiled and run: keep the two in step.
/// </summary>
public class GettingStartedSnippetTests
{
    [Fact]
    public void LossesAndMetricsSnippet_RunsAsDocumented()
    {
        // --- docs/getting-started.md#losses-and-metrics ---
        // Logits of T = 3 steps for B = 2 sequences over K = 4 classes; the second sequence is 2 steps long.
        var logits = new Tensor<float>(3, 2, 4);                       // (T, B, K), time-major
        int[] classes = [1, 3, 0, 2, 2, -1];                           // (T·B): row t·B + b; padding is never read
        var mask = SequenceMask.FromLengths<float>([3, 2], steps: 3);  // (T, B) of 1/0

        var loss = SequenceLoss<float>.Create(LossKind.CrossEntropy);
        var gradient = new Tensor<float>(3, 2, 4);                     // receives ∂loss/∂logits, 0 at padding
        float value = loss.Compute(logits, classes, mask, gradient);  // mean over the 5 counted steps

        var accuracy = new MetricAccumulator<float>(MetricKind.Accuracy);
        accuracy.Add(logits, classes, mask);                           // once per validation batch
        double validationAccuracy = accuracy.Value;
        // --- end of snippet ---

        Assert.True(Math.Abs(value - MathF.Log(4)) < 1e-6, $"uniform logits cost ln 4, got {value}");
        Assert.Equal(1.0 / 5, validationAccuracy, 12); // equal logits: argmax is class 0, right at row 2 only
        Assert.All(gradient[2][1].Span.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void DocsCarryTheSameSnippet() =>
        DocSnippets.AssertPageCarriesCopy("docs/getting-started.md", "<a id=\"losses-and-metrics\"></a>",
            "Losses/GettingStartedSnippetTests.cs", "docs/getting-started.md#losses-and-metrics");
}
