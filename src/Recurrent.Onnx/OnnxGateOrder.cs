using Recurrent.Layers.Recurrent;

namespace Recurrent.Onnx;

/// <summary>
/// PyTorch's gate order to ONNX's (docs/onnx.md). The weights stack G blocks of H rows; ONNX stacks the same gates
/// in another order:
/// <code>
/// LSTM  PyTorch i, f, g, o   →  ONNX i, o, f, c     (c is PyTorch's g)          blocks [0, 3, 1, 2]
/// GRU   PyTorch r, z, n      →  ONNX z, r, h        (h is PyTorch's n)          blocks [1, 0, 2]
/// RNN   one block                                                               blocks [0]
/// LSTM peepholes w_ci, w_cf, w_co  →  P = [p_i, p_o, p_f]
/// </code>
/// The course's GRU (<see cref="GruForm.ResetBeforeProduct"/>) keeps the old state with 1 − z where ONNX keeps it with
/// z: its z block is exported negated, since σ(−a) = 1 − σ(a) turns ONNX's z into our 1 − z (docs/onnx.md).
/// </summary>
internal static class OnnxGateOrder
{
    /// <summary>For each ONNX block, the PyTorch block it takes.</summary>
    public static int[] Blocks(CellKind cell) => cell switch
    {
        CellKind.Lstm => [0, 3, 1, 2],
        CellKind.Gru => [1, 0, 2],
        _ => [0],
    };

    /// <summary>
    /// Copies <paramref name="source"/> (G blocks of <paramref name="blockLength"/> values, PyTorch's order) into
    /// <paramref name="destination"/> in ONNX's order, negating the ONNX block <paramref name="negatedBlock"/>
    /// (−1 for none).
    /// </summary>
    public static void Reorder(ReadOnlySpan<float> source, Span<float> destination, int[] blocks, int blockLength,
        int negatedBlock = -1)
    {
        if (source.Length != blocks.Length * blockLength || destination.Length != source.Length)
            throw new ArgumentException($"expected {blocks.Length} blocks of {blockLength} values, got " +
                $"{source.Length} into {destination.Length}");
        for (int k = 0; k < blocks.Length; k++)
        {
            var from = source.Slice(blocks[k] * blockLength, blockLength);
            var to = destination.Slice(k * blockLength, blockLength);
            if (k == negatedBlock) TensorPrimitives.Negate(from, to);
            else from.CopyTo(to);
        }
    }
}
