using Recurrent.Diagnostics;
using Recurrent.Models;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Models.CharModels;

namespace Recurrent.Tests.Models;

/// <summary>
/// The whole model's backward pass (head, stack, embedding or one-hot input, masked mean cross-entropy) against float64
/// finite differences on every parameter, from a carried (nonzero) initial state, relative error ≤ 1e-6.
/// </summary>
public class CharLanguageModelGradientTests
{
    [Theory]
    [MemberData(nameof(Families), MemberType = typeof(CharModels))]
    public void Backward_MatchesFiniteDifferences(string family, int embedding)
    {
        var config = Config(family, embedding);
        var model = new CharLanguageModel<double>(config, new Random(11));
        int[] inputs = Indices(12, T * B), targets = Indices(13, T * B);
        var mask = new Tensor<double>(T * B);
        mask.Fill(1);
        mask.Span[5] = 0; // a row that takes no cost
        var h0 = LayerCheck.Random(new Random(14), L, B, H);
        var c0 = config.Model == Recurrent.Layers.Recurrent.CellKind.Lstm ? LayerCheck.Random(new Random(15), L, B, H)
            : null;
        var dz = new Tensor<double>(T, B, V);
        double Loss()
        {
            model.Forward(inputs, T, B, h0, c0);
            return model.Loss(targets, mask, null);
        }
        void Gradients()
        {
            model.Parameters.ZeroGradients();
            model.Forward(inputs, T, B, h0, c0);
            model.Loss(targets, mask, dz);
            model.Backward(dz);
        }
        var report =
            GradientChecker.Check(model.Parameters, Loss, Gradients,
            new GradientCheckOptions(Tolerance: LayerCheck.Tolerance));
        Approx.Passes(report);
        Assert.Contains(report.Results, r => r.Name == "rnn.weight_hh_l1");
        Assert.Contains(report.Results, r => r.Name == "head.weight");
        if (embedding > 0) Assert.Contains(report.Results, r => r.Name == "embed.weight");
    }

    [Fact]
    public void Backward_WithFrozenDropout_MatchesFiniteDifferences()
    {
        var model = new CharLanguageModel<double>(Config("lstm", 3, dropout: 0.3), new Random(21), new Random(22));
        int[] inputs = Indices(23, T * B), targets = Indices(24, T * B);
        var dz = new Tensor<double>(T, B, V);
        model.Forward(inputs, T, B); // draws the masks once
        model.Rnn.ReuseDropoutMasks = true;
        double Loss()
        {
            model.Forward(inputs, T, B);
            return model.Loss(targets, null, null);
        }
        void Gradients()
        {
            model.Parameters.ZeroGradients();
            model.Forward(inputs, T, B);
            model.Loss(targets, null, dz);
            model.Backward(dz);
        }
        Approx.Passes(GradientChecker.Check(model.Parameters, Loss, Gradients,
            new GradientCheckOptions(Tolerance: LayerCheck.Tolerance)));
    }
}
