using Recurrent.Tensors;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// A per-step head: applies a row-wise layer (e.g. <see cref="Dense{T}"/>, SPEC §2's ŷ_t = V h_t + c) to every step of a
/// (T, B, H) sequence at once by viewing it as (T·B, H) rows, so one GEMM serves all steps; (T, B, O) comes back as a view
/// of the inner layer's output. Nothing is copied. Padded steps pass through like any row: mask them in the loss.
/// </summary>
public sealed class TimeDistributed<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int _steps, _batch;
    private Tensor<T>? _inputRows, _output, _gradientRows, _inputGradient; // cached views, so repeated calls allocate nothing

    /// <param name="inner">A layer whose rows are independent examples.</param>
    public TimeDistributed(ILayer<T> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The row-wise layer.</summary>
    public ILayer<T> Inner { get; }

    /// <summary>y (T, B, O) = inner(x viewed as (T·B, H)).</summary>
    /// <param name="input">x (T, B, H).</param>
    public Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3) throw new ShapeMismatchException($"input: expected (T, B, H), got {ShapeText.Format(input.Shape)}");
        (_steps, _batch) = (input.Dim(0), input.Dim(1));
        var rows = Inner.Forward(View(ref _inputRows, input, _steps * _batch, input.Dim(2))); // (T·B, O)
        return View(ref _output, rows, _steps, _batch, rows.RowLength);
    }

    /// <summary>dx (T, B, H) from dy (T, B, O); the inner layer accumulates its parameter gradients.</summary>
    public Tensor<T> Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (outputGradient.Rank != 3 || outputGradient.Dim(0) != _steps || outputGradient.Dim(1) != _batch)
            throw new ShapeMismatchException($"output gradient: expected (T, B, O) with (T, B) = ({_steps}, {_batch}), got {ShapeText.Format(outputGradient.Shape)}");
        var rows = Inner.Backward(View(ref _gradientRows, outputGradient, _steps * _batch, outputGradient.Dim(2))); // (T·B, H)
        return View(ref _inputGradient, rows, _steps, _batch, rows.RowLength);
    }

    /// <summary>source viewed as (rows, columns), reusing <paramref name="cached"/> when it already views the same elements so.</summary>
    private static Tensor<T> View(ref Tensor<T>? cached, Tensor<T> source, int rows, int columns)
    {
        if (cached is null || cached.Data != source.Data || cached.Offset != source.Offset || cached.Rank != 2
            || cached.Dim(0) != rows || cached.Dim(1) != columns)
            cached = source.Reshape(rows, columns);
        return cached;
    }

    /// <summary>source viewed as (steps, batch, columns), reusing <paramref name="cached"/> when it already views the same elements so.</summary>
    private static Tensor<T> View(ref Tensor<T>? cached, Tensor<T> source, int steps, int batch, int columns)
    {
        if (cached is null || cached.Data != source.Data || cached.Offset != source.Offset || cached.Rank != 3
            || cached.Dim(0) != steps || cached.Dim(1) != batch || cached.Dim(2) != columns)
            cached = source.Reshape(steps, batch, columns);
        return cached;
    }
}
