using Recurrent.Tensors;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// A per-step head: applies a row-wise layer (e.g. <see cref="Dense{T}"/>, ŷ_t = V h_t + c of docs/equations.md#elman)
/// to every step of a (T, B, H) sequence at once by viewing it as (T·B, H) rows, so one GEMM serves all steps; (T, B,
/// O) comes back as a view of the inner layer's output. Nothing is copied, and repeated passes over the same workspaces
/// allocate nothing (the views are kept). Padded steps pass through like any row: mask them in the loss.
/// </summary>
public sealed class TimeDistributed<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // views reused across passes
    private readonly ReshapeCache<T> _inputRows = new(), _output = new(), _gradientRows = new(), _inputGradient = new();
    private int _steps, _batch;

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
        if (input.Rank != 3)
            throw new ShapeMismatchException($"input: expected (T, B, H), got {ShapeText.Format(input.Shape)}");
        (_steps, _batch) = (input.Dim(0), input.Dim(1));
        var rows = Inner.Forward(_inputRows.View(input, _steps * _batch, input.Dim(2))); // (T·B, O)
        return _output.View(rows, _steps, _batch, rows.RowLength);
    }

    /// <summary>dx (T, B, H) from dy (T, B, O); the inner layer accumulates its parameter gradients.</summary>
    public Tensor<T> Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (outputGradient.Rank != 3 || outputGradient.Dim(0) != _steps || outputGradient.Dim(1) != _batch)
            throw new ShapeMismatchException($"output gradient: expected (T, B, O) with (T, B) = ({_steps}, " +
                $"{_batch}), got {ShapeText.Format(outputGradient.Shape)}");
        // (T·B, H)
        var rows = Inner.Backward(_gradientRows.View(outputGradient, _steps * _batch, outputGradient.Dim(2)));
        return _inputGradient.View(rows, _steps, _batch, rows.RowLength);
    }
}
