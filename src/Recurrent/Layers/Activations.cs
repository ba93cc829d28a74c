namespace Recurrent.Layers;

/// <summary>
/// Forward and backward passes of every <see cref="Activation"/>, side by side, on flat spans.
/// Glossary: z pre-activation, a = f(z), dA = ∂C/∂a, dZ = ∂C/∂z.
/// </summary>
/// <remarks>
/// <para>The <c>parameter</c> argument is the slope s of <see cref="Activation.LeakyRelu"/> or the α of
/// <see cref="Activation.Elu"/>; other kinds ignore it. 0 (the default of <c>double</c>) selects the kind's default:
/// <see cref="DefaultLeakySlope"/> = 0.01 (PyTorch's negative_slope) and <see cref="DefaultEluAlpha"/> = 1.0.</para>
/// <para>Softmax works row by row over rows of <c>rowLength</c> elements (the last dimension); element-wise kinds
/// ignore <c>rowLength</c>. Backward may write <c>dZ</c> over <c>dA</c> in place (the same span); no other
/// overlap.</para>
/// </remarks>
public static class Activations
{
    /// <summary>Slope of leaky ReLU for z ≤ 0 when the parameter is 0.</summary>
    public const double DefaultLeakySlope = 0.01;

    /// <summary>α of ELU when the parameter is 0.</summary>
    public const double DefaultEluAlpha = 1.0;

    private static readonly (string Name, Activation Kind)[] Names =
    [
        ("identity", Activation.Identity), ("linear", Activation.Identity), ("sigmoid", Activation.Sigmoid),
        ("tanh", Activation.Tanh), ("relu", Activation.Relu), ("leaky-relu", Activation.LeakyRelu),
        ("elu", Activation.Elu), ("softmax", Activation.Softmax),
    ];

    /// <summary>
    /// Parses "identity" (or "linear"), "sigmoid", "tanh", "relu", "leaky-relu", "elu", "softmax", ignoring case.
    /// </summary>
    /// <exception cref="ArgumentException">The name is none of these.</exception>
    public static Activation Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (known, kind) in Names)
            if (string.Equals(name.Trim(), known, StringComparison.OrdinalIgnoreCase)) return kind;
        throw new ArgumentException(
            $"unknown activation '{name}'; expected one of: {string.Join(", ", Names.Select(n => n.Name))}",
                nameof(name));
    }

    /// <summary>The canonical name <see cref="Parse"/> accepts, e.g. "leaky-relu".</summary>
    public static string Name(Activation kind) => Names.First(n => n.Kind == kind).Name;

    /// <summary>The slope or α actually used: <paramref name="parameter"/>, or the kind's default when it is
    /// 0.</summary>
    public static double ResolveParameter(Activation kind, double parameter) => parameter != 0 ? parameter : kind switch
    {
        Activation.LeakyRelu => DefaultLeakySlope,
        Activation.Elu => DefaultEluAlpha,
        _ => 0,
    };

    /// <summary>a = f(z), element-wise, or row-wise softmax a_k = e^{z_k − m} / Σ_j e^{z_j − m} with m = max_j z_j
    /// (stable for large logits).</summary>
    /// <param name="z">Pre-activations, a whole number of rows of <paramref name="rowLength"/>.</param>
    /// <param name="a">Receives the activations; same length as <paramref name="z"/>; may be <paramref name="z"/>
    /// itself.</param>
    public static void Forward<T>(Activation kind, ReadOnlySpan<T> z, Span<T> a, int rowLength, double parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(z.Length, a.Length, "a", rowLength, kind);
        T p = T.CreateChecked(ResolveParameter(kind, parameter));
        switch (kind)
        {
            case Activation.Identity:
                z.CopyTo(a);
                break;
            case Activation.Sigmoid:
                TensorPrimitives.Sigmoid(z, a);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(z, a);
                break;
            case Activation.Relu:
                TensorPrimitives.Max(z, T.Zero, a);
                break;
            case Activation.LeakyRelu:
                for (int i = 0; i < z.Length; i++) a[i] = z[i] > T.Zero ? z[i] : p * z[i];
                break;
            case Activation.Elu:
                for (int i = 0; i < z.Length; i++) a[i] = z[i] > T.Zero ? z[i] : p * (T.Exp(z[i]) - T.One);
                break;
            case Activation.Softmax:
                for (int start = 0; start < z.Length; start += rowLength)
                {
                    var zRow = z.Slice(start, rowLength);
                    var aRow = a.Slice(start, rowLength);
                    T max = TensorPrimitives.Max(zRow);
                    TensorPrimitives.Subtract(zRow, max, aRow);
                    TensorPrimitives.Exp(aRow, aRow);
                    TensorPrimitives.Divide(aRow, TensorPrimitives.Sum<T>(aRow), aRow);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation");
        }
    }

    /// <summary>
    /// dZ = dA ⊙ f′(z) (the δ = ∂C/∂a ⊙ f′(z) of docs/equations.md#dense); for softmax, per row,
    /// dZ = a ⊙ (dA − Σ_k a_k dA_k).
    /// Derivatives come from a where cheaper: σ′ = a(1 − a), tanh′ = 1 − a², ELU′ = a + α for z ≤ 0.
    /// At the kink z = 0, ReLU′ = 0, leaky ReLU′ = s and ELU′ = α (the left derivative).
    /// </summary>
    /// <param name="z">The pre-activations of the forward pass.</param>
    /// <param name="a">The activations the forward pass returned.</param>
    /// <param name="dA">∂C/∂a.</param>
    /// <param name="dZ">Receives ∂C/∂z (overwritten, not accumulated: it is a local, not a parameter gradient); may be
    /// <paramref name="dA"/>.</param>
    public static void Backward<T>(Activation kind, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA,
        Span<T> dZ,
        int rowLength, double parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(z.Length, a.Length, "a", rowLength, kind);
        CheckLengths(z.Length, dA.Length, "dA", rowLength, kind);
        CheckLengths(z.Length, dZ.Length, "dZ", rowLength, kind);
        T p = T.CreateChecked(ResolveParameter(kind, parameter));
        switch (kind)
        {
            case Activation.Identity:
                dA.CopyTo(dZ);
                break;
            case Activation.Sigmoid:
                for (int i = 0; i < dZ.Length; i++) dZ[i] = dA[i] * a[i] * (T.One - a[i]);
                break;
            case Activation.Tanh:
                for (int i = 0; i < dZ.Length; i++) dZ[i] = dA[i] * (T.One - a[i] * a[i]);
                break;
            case Activation.Relu:
                for (int i = 0; i < dZ.Length; i++) dZ[i] = z[i] > T.Zero ? dA[i] : T.Zero;
                break;
            case Activation.LeakyRelu:
                for (int i = 0; i < dZ.Length; i++) dZ[i] = z[i] > T.Zero ? dA[i] : p * dA[i];
                break;
            case Activation.Elu:
                for (int i = 0; i < dZ.Length; i++) dZ[i] = z[i] > T.Zero ? dA[i] : (a[i] + p) * dA[i];
                break;
            case Activation.Softmax:
                for (int start = 0; start < dZ.Length; start += rowLength)
                {
                    var aRow = a.Slice(start, rowLength);
                    var dZRow = dZ.Slice(start, rowLength);
                    T aDotDA = TensorPrimitives.Dot(aRow, dA.Slice(start, rowLength));
                    TensorPrimitives.Subtract(dA.Slice(start, rowLength), aDotDA, dZRow);
                    TensorPrimitives.Multiply(dZRow, aRow, dZRow);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation");
        }
    }

    private static void CheckLengths(int zLength, int otherLength, string other, int rowLength, Activation kind)
    {
        if (otherLength != zLength)
            throw new ShapeMismatchException($"{other}: expected {zLength} elements like z, got {otherLength}");
        if (kind == Activation.Softmax && (rowLength <= 0 || zLength % rowLength != 0))
            throw new ShapeMismatchException($"softmax: {zLength} elements are not a whole number of rows of length " +
                $"{rowLength}");
    }
}
