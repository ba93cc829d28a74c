namespace Recurrent.Tensors;

/// <summary>
/// Remembers one reshaped view so that repeated passes over the same workspace reuse it:
/// <see cref="Tensor{T}.Reshape"/> allocates a small view object each call, which would break "no allocations per step
/// after warm-up". The view is rebuilt only when the source tensor (by reference) or the requested shape changes.
/// </summary>
internal sealed class ReshapeCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _source, _view;

    /// <summary><paramref name="source"/> viewed as (d0).</summary>
    public Tensor<T> View(Tensor<T> source, int d0)
    {
        if (!ReferenceEquals(source, _source) || _view!.Rank != 1 || _view.Dim(0) != d0)
            (_source, _view) = (source, source.Reshape(d0));
        return _view;
    }

    /// <summary><paramref name="source"/> viewed as (d0, d1).</summary>
    public Tensor<T> View(Tensor<T> source, int d0, int d1)
    {
        if (!ReferenceEquals(source, _source) || _view!.Rank != 2 || _view.Dim(0) != d0 || _view.Dim(1) != d1)
            (_source, _view) = (source, source.Reshape(d0, d1));
        return _view;
    }

    /// <summary><paramref name="source"/> viewed as (d0, d1, d2).</summary>
    public Tensor<T> View(Tensor<T> source, int d0, int d1, int d2)
    {
        if (!ReferenceEquals(source, _source) || _view!.Rank != 3 || _view.Dim(0) != d0 || _view.Dim(1) != d1
            || _view.Dim(2) != d2)
            (_source, _view) = (source, source.Reshape(d0, d1, d2));
        return _view;
    }
}
