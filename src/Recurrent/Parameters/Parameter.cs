namespace Recurrent.Parameters;

/// <summary>
/// A named parameter tensor: a window of its <see cref="ParameterSet{T}"/>'s flat value buffer, with the
/// matching window of the parallel gradient buffer. Names follow PyTorch's state_dict (e.g. "0.weight").
/// </summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterSet<T> _owner;
    private Tensor<T>? _value;
    private Tensor<T>? _gradient;

    internal Parameter(ParameterSet<T> owner, string name, int[] shape, int offset, IInitializer initializer)
    {
        _owner = owner;
        Name = name;
        Shape = shape;
        Offset = offset;
        Length = ShapeText.Volume(shape);
        Initializer = initializer;
    }

    /// <summary>PyTorch-style name, unique within the set.</summary>
    public string Name { get; }

    /// <summary>Shape, e.g. (out, in) for a dense weight.</summary>
    public int[] Shape { get; }

    /// <summary>First index of this parameter in the flat buffers.</summary>
    public int Offset { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>How <see cref="ParameterSet{T}.Initialize"/> fills it.</summary>
    public IInitializer Initializer { get; }

    /// <summary>The values: a view into <see cref="ParameterSet{T}.Values"/>. Available once the set is
    /// sealed.</summary>
    public Tensor<T> Value => _value ??= new Tensor<T>(_owner.ValueArray, Offset, Shape);

    /// <summary>The gradient: a view into <see cref="ParameterSet{T}.Gradients"/>. Available once the set is
    /// sealed.</summary>
    public Tensor<T> Gradient => _gradient ??= new Tensor<T>(_owner.GradientArray, Offset, Shape);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {ShapeText.Format(Shape)}";
}
