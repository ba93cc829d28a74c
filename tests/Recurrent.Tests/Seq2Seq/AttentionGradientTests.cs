using Recurrent.Diagnostics;
using Recurrent.Tensors;
using Recurrent.Parameters;
using Recurrent.Seq2Seq;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Seq2Seq;

/// <summary>
/// Every attention score's backward pass (parameters, queries and keys) against five-point finite differences in
/// float64, under C = Σ g ⊙ c with a fixed random g, on source lengths that include a padded row and an empty one.
/// Tolerance: <see cref="LayerCheck.Tolerance"/> (1e-6 relative error). A second test holds padded source steps inert:
/// their weights are 0 and changing their keys changes nothing.
/// </summary>
public class AttentionGradientTests
{
    private const int Td = 3, Ts = 4, B = 3, Q = 4, K = 4, A = 3;
    private static readonly int[] Lengths = [4, 2, 0];

    public static TheoryData<AttentionKind> Kinds() =>
        [AttentionKind.Bahdanau, AttentionKind.LuongDot, AttentionKind.LuongGeneral];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Backward_MatchesFiniteDifferences(AttentionKind kind)
    {
        var parameters = new ParameterSet<double>();
        var attention = new Attention<double>(parameters, "attn.", kind, Q, K, A);
        parameters.Initialize(new Random(5));
        var rng = new Random(6);
        var queries = LayerCheck.Random(rng, Td, B, Q);
        var keys = LayerCheck.Random(rng, Ts, B, K);
        var g = LayerCheck.Random(rng, Td, B, K);
        double Cost() => System.Numerics.Tensors.TensorPrimitives.Dot<double>(
            attention.Forward(queries, keys, Lengths).Span, g.Span);
        Tensor<double>? dq = null, dk = null;
        void Gradients()
        {
            parameters.ZeroGradients();
            attention.Forward(queries, keys, Lengths);
            var (q, k) = attention.Backward(g);
            (dq, dk) = (q.Clone(), k.Clone());
        }
        var options = new GradientCheckOptions { Seed = 3, Tolerance = LayerCheck.Tolerance };
        if (parameters.Parameters.Count > 0)
        {
            var report = GradientChecker.Check(parameters, Cost, Gradients, options);
            Assert.True(report.Passed, $"{kind}: worst {report.WorstRelativeError:E2} in {report.Worst?.Name}");
        }
        else Gradients();
        var queryCheck = GradientChecker.CheckInput(queries, Cost, dq!, options, "queries");
        Assert.True(queryCheck.WorstRelativeError <= LayerCheck.Tolerance,
            $"{kind}: queries worst {queryCheck.WorstRelativeError:E2}");
        var keyCheck = GradientChecker.CheckInput(keys, Cost, dk!, options, "keys");
        Assert.True(keyCheck.WorstRelativeError <= LayerCheck.Tolerance,
            $"{kind}: keys worst {keyCheck.WorstRelativeError:E2}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PaddedSourceSteps_GetNoWeight(AttentionKind kind)
    {
        var parameters = new ParameterSet<double>();
        var attention = new Attention<double>(parameters, "attn.", kind, Q, K, A);
        parameters.Initialize(new Random(5));
        var rng = new Random(7);
        var queries = LayerCheck.Random(rng, Td, B, Q);
        var keys = LayerCheck.Random(rng, Ts, B, K);
        var before = attention.Forward(queries, keys, Lengths).Clone();
        var weights = attention.Weights;
        for (int t = 0; t < Td; t++)
            for (int b = 0; b < B; b++)
            {
                double sum = 0;
                for (int s = 0; s < Ts; s++)
                {
                    if (s >= Lengths[b]) Assert.Equal(0.0, weights[t, b, s]);
                    sum += weights[t, b, s];
                }
                Assert.Equal(Lengths[b] == 0 ? 0.0 : 1.0, sum, 12);
            }
        for (int k = 0; k < K; k++) keys[2, 1, k] += 10; // row 1 has 2 real steps: step 2 is padding
        var after = attention.Forward(queries, keys, Lengths);
        for (int i = 0; i < before.Length; i++) Assert.Equal(before.Span[i], after.Span[i], 14);
    }
}
