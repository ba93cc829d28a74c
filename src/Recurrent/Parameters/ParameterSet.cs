namespace Recurrent.Parameters;

/// <summary>
/// All parameters of a model in one flat buffer, their gradients in a parallel one, so that optimizers,
/// clipping, checkpoints and the gradient checker each see a single vector (as llm.c does).
/// Layers <see cref="Add"/> their parameters while the model is built; <see cref="Seal"/> then allocates
/// both buffers once, after which <see cref="Parameter{T}.Value"/> and <see cref="Parameter{T}.Gradient"/> are views.
/// </summary>
public sealed class ParameterSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Parameter<T>> _parameters = [];
    private readonly Dictionary<string, Parameter<T>> _byName = new(StringComparer.Ordinal);
    private T[]? _values;
    private T[]? _gradients;
    private int _count;

    /// <summary>The parameters in the order they were added.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>Total number of scalars.</summary>
    public int Count => _count;

    /// <summary>True once <see cref="Seal"/> has allocated the buffers.</summary>
    public bool IsSealed => _values is not null;

    /// <summary>Declares a parameter. Only before <see cref="Seal"/>.</summary>
    public Parameter<T> Add(string name, int[] shape, IInitializer initializer)
    {
        if (IsSealed)
            throw new InvalidOperationException($"cannot add parameter '{name}': the parameter set is already sealed");
        if (_byName.ContainsKey(name)) throw new ArgumentException($"parameter name '{name}' is used twice");
        var parameter = new Parameter<T>(this, name, (int[])shape.Clone(), _count, initializer);
        _count = checked(_count + parameter.Length); // a corrupt model file may declare more than one array holds
        _parameters.Add(parameter);
        _byName.Add(name, parameter);
        return parameter;
    }

    /// <summary>Allocates the value and gradient buffers (zeroed). Call once, after the model is built.</summary>
    public ParameterSet<T> Seal()
    {
        if (!IsSealed)
        {
            _values = new T[_count];
            _gradients = new T[_count];
        }
        return this;
    }

    /// <summary>
    /// Seals this set over the values of <paramref name="source"/>, which must declare the same parameters in the same
    /// order: a replica that reads a model's weights without copying them (inference on several threads); gradients
    /// get a buffer of their own.
    /// </summary>
    internal void SealSharingValues(ParameterSet<T> source)
    {
        if (IsSealed) throw new InvalidOperationException("the parameter set is already sealed");
        if (!source.IsSealed) throw new InvalidOperationException("the source parameter set is not sealed yet");
        bool same = source._count == _count && source._parameters.Count == _parameters.Count;
        for (int i = 0; same && i < _parameters.Count; i++)
            same = source._parameters[i].Name == _parameters[i].Name
                && source._parameters[i].Shape.AsSpan().SequenceEqual(_parameters[i].Shape);
        if (!same) throw new ArgumentException("the source declares other parameters", nameof(source));
        _values = source._values;
        _gradients = new T[_count];
    }

    /// <summary>The parameter called <paramref name="name"/>.</summary>
    public Parameter<T> this[string name] =>
        _byName.TryGetValue(name, out var p) ? p : throw new KeyNotFoundException($"no parameter named '{name}'");

    /// <summary>True when a parameter called <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Every value, one vector.</summary>
    public Span<T> Values => ValueArray;

    /// <summary>Every gradient, one vector parallel to <see cref="Values"/>.</summary>
    public Span<T> Gradients => GradientArray;

    internal T[] ValueArray => _values ?? throw NotSealed();

    internal T[] GradientArray => _gradients ?? throw NotSealed();

    /// <summary>Zeroes every gradient; once per training step, since backward passes accumulate.</summary>
    public void ZeroGradients() => Gradients.Clear();

    /// <summary>Fills every parameter with its initializer, in order, from one seeded RNG.</summary>
    public void Initialize(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Seal();
        foreach (var p in _parameters) p.Initializer.Fill(p.Value.Span, p.Shape, rng);
    }

    private static InvalidOperationException NotSealed() =>
        new("the parameter set is not sealed yet: call Seal() after building the model");
}
