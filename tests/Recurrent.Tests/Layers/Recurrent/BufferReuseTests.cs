using System.Numerics;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// <see cref="BufferReuse"/>, said at the Backward call: a vanilla RNN layer allowed to write over dy puts its gate
/// gradients there instead of in a (T, B, H) block of its own, and a layer allowed to write over its y may return dx
/// in y's storage. Both ways must give the same bits (y, final state, dx, every parameter gradient, the initial-state
/// gradient) for every activation, direction, horizon and padded lengths; the way without reuse is the one the
/// finite-difference checks hold (RecurrentGradientTests), so this carries their proof over. Without reuse the
/// caller's dy and y must be left as they were, for every cell.
/// </summary>
public class BufferReuseTests
{
    private const int Steps = 6, Batch = 5;

    public static TheoryData<string, bool, int?> Cases()
    {
        var data = new TheoryData<string, bool, int?>();
        foreach (string kind in new[] { "rnn-tanh", "rnn-relu", "rnn-elu", "rnn-sigmoid", "rnn-tanh-nobias", "lstm",
            "gru" })
        {
            data.Add(kind, false, null);
            data.Add(kind, true, null);
            data.Add(kind, false, 2);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Overwriting_GivesTheSameBits(string kind, bool reverse, int? horizon)
    {
        var kept = Run(kind, reverse, horizon, overwrite: false, out var dyBefore, out var dyAfter);
        Assert.Equal(dyBefore, dyAfter); // the caller's dy is left alone without reuse
        var overwritten = Run(kind, reverse, horizon, overwrite: true, out _, out _);
        string[] names = ["y", "final h", "dx", "parameter gradients", "dh_0"];
        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal(kept[i].Length, overwritten[i].Length);
            for (int j = 0; j < kept[i].Length; j++)
                Assert.True(kept[i][j].Equals(overwritten[i][j]),
                    $"{kind}: {names[i]}[{j}] is {overwritten[i][j]:R} over dy, {kept[i][j]:R} in its own block");
        }
    }

    /// <summary>Full rows and no horizon, everything reused: the same bits, and the Elman cell's gradients went to
    /// dy.</summary>
    [Theory]
    [InlineData("rnn-tanh")]
    [InlineData("rnn-relu")]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Overwriting_FullRows_GivesTheSameBits(string kind)
    {
        var kept = Run(kind, false, null, overwrite: false, out _, out _, full: true);
        var overwritten = Run(kind, false, null, overwrite: true, out var dyBefore, out var dyAfter, full: true);
        string[] names = ["y", "final h", "dx", "parameter gradients", "dh_0"];
        for (int i = 0; i < names.Length; i++)
            for (int j = 0; j < kept[i].Length; j++)
                Assert.True(kept[i][j].Equals(overwritten[i][j]),
                    $"{kind}: {names[i]}[{j}] is {overwritten[i][j]:R} over dy, {kept[i][j]:R} kept apart");
        if (kind.StartsWith("rnn", StringComparison.Ordinal)) Assert.NotEqual(dyBefore, dyAfter); // its dz went there
    }

    [Fact]
    public void ForwardLayer_LeavesTheReturnedYAlone_UnlessAllowed()
    {
        foreach (var reuse in new[] { BufferReuse.None, BufferReuse.Output })
        {
            var (layer, _) = RecurrentModels.Build<double>("lstm");
            var rng = new Random(3);
            var x = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.InputSize);
            var dy = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.HiddenSize);
            var y = layer.Forward(x);
            var copy = y.Span.ToArray();
            var dx = layer.Backward(dy, reuse: reuse).Span.ToArray();
            if (reuse == BufferReuse.None) Assert.Equal(copy, y.Span.ToArray());
            else Assert.NotEqual(copy, y.Span.ToArray()); // I ≤ H: dx came back in h's storage, under y
            Assert.Contains(dx, v => v != 0);
        }
    }

    [Fact]
    public void ForwardRnnLayer_ReusingDy_KeepsNoGradientBlockOfItsOwn()
    {
        // The first Backward of a shape makes what it keeps; without reuse that includes the (T, B, H) gate-gradient
        // block.
        long Allocated(bool overwrite)
        {
            var (layer, _) = RecurrentModels.Build<double>("rnn-tanh");
            var rng = new Random(3);
            var x = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.InputSize);
            var dy = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.HiddenSize);
            layer.Forward(x);
            long before = GC.GetAllocatedBytesForCurrentThread();
            layer.BackwardWithoutInputGradient(dy, reuse: overwrite ? BufferReuse.OutputGradient : BufferReuse.None);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long block = Steps * Batch * RecurrentModels.HiddenSize * sizeof(double);
        long own = Allocated(false), over = Allocated(true);
        Assert.True(own - over >= block,
            $"without reuse Backward allocated {own} bytes, with it {over}: expected a difference of at least the " +
                $"{block}-byte block");
    }

    [Fact]
    public void Stack_LeavesTheCallersGradientAlone_UnlessAllowed()
    {
        foreach (bool allowed in new[] { false, true })
        {
            var parameters = new ParameterSet<double>();
            var stack = new RecurrentStack<double>(parameters, new RecurrentStackOptions(CellKind.Rnn, 3, 4, 2));
            parameters.Initialize(new Random(1));
            var rng = new Random(2);
            var x = LayerCheck.Random(rng, Steps, Batch, 3);
            var dy = LayerCheck.Random(rng, Steps, Batch, 4);
            var copy = dy.Span.ToArray();
            stack.Forward(x);
            stack.Backward(dy, reuse: allowed ? BufferReuse.OutputGradient : BufferReuse.None);
            if (allowed) Assert.NotEqual(copy, dy.Span.ToArray()); // the top layer's gate gradients went there
            else Assert.Equal(copy, dy.Span.ToArray());
        }
    }

    private static double[][] Run(string kind, bool reverse, int? horizon, bool overwrite, out double[] dyBefore,
        out double[] dyAfter,
        bool full = false)
    {
        var (layer, parameters) = RecurrentModels.Build<double>(kind, new RecurrentLayerOptions(reverse, horizon),
            seed: 4);
        var rng = new Random(7);
        var x = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.InputSize);
        var dy = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.HiddenSize);
        int[]? lengths = full ? null : [Steps, 3, 0, Steps, 5];
        var initial = RecurrentModels.RandomState(rng, Batch, layer.Cell.HasCellState);
        var y = layer.Forward(x, lengths, initial).Span.ToArray();
        var finalH = layer.FinalState.H.Span.ToArray();
        dyBefore = dy.Span.ToArray();
        var dx = layer.Backward(dy, reuse: overwrite ? BufferReuse.All : BufferReuse.None).Span.ToArray();
        dyAfter = dy.Span.ToArray();
        return [y, finalH, dx, parameters.Gradients.ToArray(), layer.InitialStateGradient.H.Span.ToArray()];
    }
}
