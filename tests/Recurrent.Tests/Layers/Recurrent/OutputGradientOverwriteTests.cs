using System.Numerics;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// <see cref="RecurrentLayer{T}.OverwritesOutputGradient"/>: a vanilla RNN layer allowed to write over dy puts its gate
/// gradients there instead of in a (T, B, H) block of its own. Both ways must give the same bits (y, final state, dx,
/// every parameter gradient, the initial-state gradient) for every activation, direction, horizon and padded lengths;
/// the way without the flag is the one the finite-difference checks hold (RecurrentGradientTests), so this carries
/// their proof over. Without the flag the caller's dy must be left as it was, for every cell.
/// </summary>
public class OutputGradientOverwriteTests
{
    private const int Steps = 6, Batch = 5;

    public static TheoryData<string, bool, int?> Cases()
    {
        var data = new TheoryData<string, bool, int?>();
        foreach (string kind in new[] { "rnn-tanh", "rnn-relu", "rnn-elu", "rnn-sigmoid", "rnn-tanh-nobias", "lstm", "gru" })
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
        Assert.Equal(dyBefore, dyAfter); // the caller's dy is left alone without the flag
        var overwritten = Run(kind, reverse, horizon, overwrite: true, out _, out _);
        string[] names = ["y", "final h", "dx", "parameter gradients", "dh_0"];
        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal(kept[i].Length, overwritten[i].Length);
            for (int j = 0; j < kept[i].Length; j++)
                Assert.True(kept[i][j].Equals(overwritten[i][j]), $"{kind}: {names[i]}[{j}] is {overwritten[i][j]:R} over dy, {kept[i][j]:R} in its own block");
        }
    }

    /// <summary>
    /// Full rows and no horizon: with the flag, each step's recurrent product adds dh_{t−1} straight onto dy_{t−1}
    /// (RecurrentTimeLoop.Backward) instead of the step adding dy and dh_next in a pass of its own. The same single
    /// rounding either way, so the same bits, for the cell that does it and for those that do not.
    /// </summary>
    [Theory]
    [InlineData("rnn-tanh")]
    [InlineData("rnn-relu")]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Overwriting_FullRows_GivesTheSameBits(string kind)
    {
        var kept = Run(kind, false, null, overwrite: false, out _, out _, full: true);
        var overwritten = Run(kind, false, null, overwrite: true, out _, out var dyAfter, full: true);
        string[] names = ["y", "final h", "dx", "parameter gradients", "dh_0"];
        for (int i = 0; i < names.Length; i++)
            for (int j = 0; j < kept[i].Length; j++)
                Assert.True(kept[i][j].Equals(overwritten[i][j]), $"{kind}: {names[i]}[{j}] is {overwritten[i][j]:R} over dy, {kept[i][j]:R} kept apart");
        Assert.Contains(dyAfter, v => v != 0); // the run did write over dy (dh, or for the RNN its dz)
    }

    /// <summary>
    /// Float tanh over full rows: the Elman cell then sums dh = dy + dh_next inside its own element-wise pass
    /// (RnnCell.BackwardSummingDh), which the time loop skips when it records the step gradient norms. Recording
    /// changes nothing else, so both ways must give the same bits, with and without the overwrite flag.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FloatTanh_SummingDhInTheCell_GivesTheSameBits(bool overwrite)
    {
        float[][] Run(bool record)
        {
            var parameters = new ParameterSet<float>();
            var layer = new RecurrentLayer<float>(new RnnCell<float>(parameters, 3, 20), new RecurrentLayerOptions(RecordStepGradientNorms: record))
            {
                OverwritesOutputGradient = overwrite,
            };
            parameters.Initialize(new Random(4));
            var rng = new Random(7);
            var x = LayerCheck.Random(rng, Steps, 13, 3).Convert<float>();
            var dy = LayerCheck.Random(rng, Steps, 13, 20).Convert<float>();
            var y = layer.Forward(x).Span.ToArray();
            var dx = layer.Backward(dy).Span.ToArray();
            return [y, dx, parameters.Gradients.ToArray(), layer.InitialStateGradient.H.Span.ToArray()];
        }
        float[][] plain = Run(record: false), recorded = Run(record: true);
        for (int i = 0; i < plain.Length; i++)
            for (int j = 0; j < plain[i].Length; j++)
                Assert.True(BitConverter.SingleToInt32Bits(plain[i][j]) == BitConverter.SingleToInt32Bits(recorded[i][j]),
                    $"output {i}[{j}]: {plain[i][j]:R} summed in the cell, {recorded[i][j]:R} summed apart");
    }

    [Fact]
    public void ForwardRnnLayer_WithTheFlag_KeepsNoGradientBlockOfItsOwn()
    {
        // The first Backward of a shape makes what it keeps; without the flag that includes the (T, B, H) gate-gradient block.
        long Allocated(bool overwrite)
        {
            var (layer, _) = RecurrentModels.Build<double>("rnn-tanh");
            layer.OverwritesOutputGradient = overwrite;
            var rng = new Random(3);
            var x = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.InputSize);
            var dy = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.HiddenSize);
            layer.Forward(x);
            long before = GC.GetAllocatedBytesForCurrentThread();
            layer.BackwardWithoutInputGradient(dy);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long block = Steps * Batch * RecurrentModels.HiddenSize * sizeof(double);
        long own = Allocated(false), over = Allocated(true);
        Assert.True(own - over >= block, $"without the flag Backward allocated {own} bytes, with it {over}: expected a difference of at least the {block}-byte block");
    }

    [Fact]
    public void Stack_LeavesTheCallersGradientAlone_UnlessAllowed()
    {
        foreach (bool allowed in new[] { false, true })
        {
            var parameters = new ParameterSet<double>();
            var stack = new RecurrentStack<double>(parameters, new RecurrentStackOptions(CellKind.Rnn, 3, 4, 2)) { OverwritesOutputGradient = allowed };
            parameters.Initialize(new Random(1));
            var rng = new Random(2);
            var x = LayerCheck.Random(rng, Steps, Batch, 3);
            var dy = LayerCheck.Random(rng, Steps, Batch, 4);
            var copy = dy.Span.ToArray();
            stack.Forward(x);
            stack.Backward(dy);
            if (allowed) Assert.NotEqual(copy, dy.Span.ToArray()); // the top layer's gate gradients went there
            else Assert.Equal(copy, dy.Span.ToArray());
        }
    }

    private static double[][] Run(string kind, bool reverse, int? horizon, bool overwrite, out double[] dyBefore, out double[] dyAfter,
        bool full = false)
    {
        var (layer, parameters) = RecurrentModels.Build<double>(kind, new RecurrentLayerOptions(reverse, horizon), seed: 4);
        layer.OverwritesOutputGradient = overwrite;
        var rng = new Random(7);
        var x = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.InputSize);
        var dy = LayerCheck.Random(rng, Steps, Batch, RecurrentModels.HiddenSize);
        int[]? lengths = full ? null : [Steps, 3, 0, Steps, 5];
        var initial = RecurrentModels.RandomState(rng, Batch, layer.Cell.HasCellState);
        var y = layer.Forward(x, lengths, initial).Span.ToArray();
        var finalH = layer.FinalState.H.Span.ToArray();
        dyBefore = dy.Span.ToArray();
        var dx = layer.Backward(dy).Span.ToArray();
        dyAfter = dy.Span.ToArray();
        return [y, finalH, dx, parameters.Gradients.ToArray(), layer.InitialStateGradient.H.Span.ToArray()];
    }
}
