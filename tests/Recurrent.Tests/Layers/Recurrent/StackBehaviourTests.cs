using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Layers.Recurrent.StackModels;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>Dropout's draws and modes, the stack's layout against its own layers, shape messages and
/// allocation.</summary>
public class StackBehaviourTests
{
    [Fact]
    public void Dropout_SameSeed_SameMask_AndKeptEntriesScaledBy1OverKeep()
    {
        var x = new Tensor<double>(100, 100);
        x.Fill(1);
        var a = new Dropout<double>(0.3, new Random(5)).Forward(x).Span.ToArray();
        var b = new Dropout<double>(0.3, new Random(5)).Forward(x).Span.ToArray();
        Approx.Equal(a, b, 0, "two draws from one seed");
        double dropped = a.Count(v => v == 0) / (double)a.Length;
        Assert.InRange(dropped, 0.28, 0.32);
        Approx.Equal(1 / 0.7, a.First(v => v != 0), 1e-15, "kept entry");
        Assert.All(a, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.7) < 1e-15, $"mask entry {v}"));
    }

    [Fact]
    public void Dropout_Backward_IsTheMaskTimesDy_AndEvaluationIsIdentity()
    {
        var rng = new Random(7);
        var dropout = new Dropout<double>(0.5, new Random(8));
        var x = LayerCheck.Random(rng, 6, 5);
        var y = dropout.Forward(x).Clone();
        var dy = LayerCheck.Random(rng, 6, 5);
        var dx = dropout.Backward(dy);
        var m = dropout.Mask!;
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(y.Span[i] - m.Span[i] * x.Span[i]) < 1e-15, $"y[{i}]");
            Assert.True(Math.Abs(dx.Span[i] - m.Span[i] * dy.Span[i]) < 1e-15, $"dx[{i}]");
        }
        dropout.Training = false;
        Assert.Same(x, dropout.Forward(x));
        Assert.Same(dy, dropout.Backward(dy));
    }

    [Fact]
    public void Dropout_ReusedMask_StaysFixed_AndMustFitTheInput()
    {
        var dropout = new Dropout<double>(0.5, new Random(9));
        var x = LayerCheck.Random(new Random(1), 4, 4);
        dropout.Forward(x);
        var first = dropout.Mask!.Span.ToArray();
        dropout.ReuseMask = true;
        dropout.Forward(x);
        Approx.Equal(first, dropout.Mask!.Span, 0, "reused mask");
        Assert.Throws<ShapeMismatchException>(() => dropout.Forward(new Tensor<double>(3, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(1, new Random(1)));
    }

    /// <summary>
    /// Skipping the first layer's dx (one-hot data needs none) leaves every parameter gradient and the initial-state
    /// gradients exactly as the full backward pass makes them: the same arithmetic in the same order, so 0 tolerance.
    /// </summary>
    [Theory]
    [InlineData("lstm-peepholes", false)]
    [InlineData("gru", true)]
    [InlineData("rnn-tanh", false)]
    public void Stack_BackwardWithoutInputGradient_GivesTheSameParameterGradients(string family, bool bidirectional)
    {
        var options = Options(family, layers: 2, bidirectional: bidirectional);
        var rng = new Random(11);
        var x = LayerCheck.Random(rng, 5, 3, InputSize);
        var dy = LayerCheck.Random(rng, 5, 3, options.OutputSize);
        var (full, fullParameters) = Build<double>(options, seed: 6);
        var (lean, leanParameters) = Build<double>(options, seed: 6);
        full.Forward(x, [5, 2, 4]);
        lean.Forward(x, [5, 2, 4]);
        fullParameters.ZeroGradients();
        leanParameters.ZeroGradients();
        var dx = full.Backward(dy);
        lean.BackwardWithoutInputGradient(dy);
        Assert.True(System.Numerics.Tensors.TensorPrimitives.Norm<double>(dx.Span) > 0, "the full pass computed a dx");
        Approx.Equal(fullParameters.Gradients, leanParameters.Gradients, 0, "parameter gradients");
        Approx.Equal(full.InitialHiddenGradient.Span, lean.InitialHiddenGradient.Span, 0, "∂C/∂h_0");
    }

    /// <summary>Out of training (PyTorch's eval()) a stack with dropout computes what the same stack without dropout
    /// does.</summary>
    [Fact]
    public void Stack_OutOfTraining_IgnoresDropout()
    {
        var x = LayerCheck.Random(new Random(2), 4, 3, InputSize);
        var (withDropout, _) = Build<double>(Options("lstm-peepholes", layers: 3, dropout: 0.5), seed: 4);
        var (without, _) = Build<double>(Options("lstm-peepholes", layers: 3), seed: 4);
        withDropout.Training = false;
        Approx.Equal(without.Forward(x, [4, 2, 3]).Span, withDropout.Forward(x, [4, 2, 3]).Span, 0, "output");
        withDropout.Training = true;
        var trained = withDropout.Forward(x, [4, 2, 3]).Span.ToArray();
        Assert.True(trained.Zip(without.Forward(x, [4, 2, 3]).Span.ToArray(), (a, b) => Math.Abs(a - b)).Max() > 1e-3,
            "dropout changes the output in training");
    }

    /// <summary>The stack is its layers wired as documented: layer 1 reads layer 0's combined output; h_n is [l·D +
    /// d].</summary>
    [Theory]
    [InlineData(BidirectionalCombine.Sum)]
    [InlineData(BidirectionalCombine.Average)]
    public void Stack_IsItsLayersWiredTogether(BidirectionalCombine combine)
    {
        var (stack, _) = Build<double>(Options("gru", bidirectional: true, combine: combine), seed: 3);
        var x = LayerCheck.Random(new Random(4), 5, 2, InputSize);
        int[] lengths = [5, 3];
        var y = stack.Forward(x, lengths).Clone();
        var hN = stack.FinalHidden.Clone();
        double scale = combine == BidirectionalCombine.Average ? 0.5 : 1;
        Tensor<double> Layer(int l, Tensor<double> input)
        {
            var f = new RecurrentLayer<double>(stack.Directions[2 * l].Cell).Forward(input, lengths).Clone();
            var reverse = new RecurrentLayer<double>(stack.Directions[2 * l + 1].Cell,
                new RecurrentLayerOptions(Reverse: true));
            var r = reverse.Forward(input, lengths);
            for (int i = 0; i < f.Length; i++) f.Span[i] = scale * (f.Span[i] + r.Span[i]);
            Approx.Equal(reverse.FinalState.H.Span, hN[2 * l + 1].Span, 1e-15, $"h_n[{2 * l + 1}]");
            return f;
        }
        var expected = Layer(1, Layer(0, x));
        Approx.Equal(expected.Span, y.Span, 1e-15, "stack output");
    }

    [Fact]
    public void Stack_ShapeErrors_SayWhatWasExpectedAndWhatCame()
    {
        var (stack, _) = Build<double>(Options("lstm-peepholes", bidirectional: true));
        var x = new Tensor<double>(3, 2, InputSize);
        var e = Assert.Throws<ShapeMismatchException>(() => stack.Forward(x, [], new Tensor<double>(4, 2, 5)));
        Assert.Equal("h0: expected (L·D, B, H) = (4, 2, 4), got (4, 2, 5)", e.Message);
        stack.Forward(x);
        e = Assert.Throws<ShapeMismatchException>(() => stack.Backward(new Tensor<double>(3, 2, 4)));
        Assert.Equal("output gradient: expected (T, B, O) = (3, 2, 8), got (3, 2, 4)", e.Message);
        var (gru, _) = Build<double>(Options("gru"));
        Assert.Throws<ArgumentException>(() => gru.Forward(x, [], null, new Tensor<double>(2, 2, 4)));
        // the failed Forward left nothing
        Assert.Throws<InvalidOperationException>(() => gru.Backward(new Tensor<double>(3, 2, 4)));
        Assert.Throws<ArgumentNullException>(() => new RecurrentStack<double>(new ParameterSet<double>(), Options("gru",
            dropout: 0.2)));
    }

    [Theory]
    [InlineData("lstm-peepholes", true)]
    [InlineData("gru", false)]
    public void Stack_SecondForwardBackward_OfOneShape_AllocatesNothing(string family, bool bidirectional)
    {
        var options = Options(family, layers: 3, bidirectional: bidirectional, dropout: 0.3, horizon: 3);
        var (stack, _) = Build<float>(options);
        var rng = new Random(5);
        var x = LayerCheck.Random(rng, 6, 3, InputSize).Convert<float>();
        var g = LayerCheck.Random(rng, 6, 3, options.OutputSize).Convert<float>();
        var h0 = RandomStates(rng, options, 3).Convert<float>();
        var gh = RandomStates(rng, options, 3).Convert<float>();
        int[] lengths = [6, 4, 1];
        void Pass()
        {
            stack.Forward(x, lengths, h0);
            stack.Backward(g, gh);
        }
        Pass();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Pass();
        Pass();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"two Forward + Backward passes of a seen shape allocated {allocated} bytes");
    }

    /// <summary>A prefix names the stack as a PyTorch submodule: "rnn.weight_ih_l0", …, peepholes included.</summary>
    [Fact]
    public void Prefix_GoesBeforeEveryPyTorchName()
    {
        var parameters = new ParameterSet<double>();
        _ = new RecurrentStack<double>(parameters, Options("lstm-peepholes",
            bidirectional: true) with { Prefix = "rnn." });
        Assert.All(parameters.Parameters, p => Assert.StartsWith("rnn.", p.Name));
        Assert.True(parameters.Contains("rnn.weight_ih_l1_reverse"));
        Assert.True(parameters.Contains("rnn.weight_co_l0"));
    }

    /// <summary>The stack hands k2 to every layer and direction; the layer's own tests prove what k2 does.</summary>
    [Fact]
    public void TruncationHorizon_ReachesEveryLayerAndDirection()
    {
        var (stack, _) = Build<double>(Options("lstm-peepholes", layers: 3, bidirectional: true, horizon: 2));
        Assert.Equal(6, stack.Directions.Count);
        Assert.All(stack.Directions, layer => Assert.Equal(2, layer.Options.TruncationHorizon));
        Assert.Equal([false, true, false, true, false, true],
            stack.Directions.Select(l => l.Options.Reverse).ToArray());
        Assert.Equal(["_l0", "_l0_reverse", "_l1", "_l1_reverse", "_l2", "_l2_reverse"],
            stack.Directions.Select(l => l.Cell.Suffix).ToArray());
    }
}
