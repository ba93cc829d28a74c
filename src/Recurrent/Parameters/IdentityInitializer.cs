namespace Recurrent.Parameters;

/// <summary>
/// gain · I, as torch.nn.init.eye_ scaled: ones on the main diagonal of a (rows, cols) matrix, square or not,
/// zeros elsewhere. Used for IRNN-style recurrent weights (Le, Jaitly &amp; Hinton 2015), where h ← ReLU(Wx + Ih)
/// starts out carrying the state unchanged. Needs rank 2. Draws nothing from the RNG.
/// </summary>
/// <param name="Gain">Diagonal value. Default 1.</param>
public sealed record IdentityInitializer(double Gain = 1) : IInitializer
{
    /// <summary>The gain, positive and finite (checked on construction and on `with`).</summary>
    public double Gain { get; init =>
        field = Fans.CheckGain(value, nameof(Gain)); } = Fans.CheckGain(Gain, nameof(Gain));

    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        Fans.RequireMatrixLike(shape, values.Length, "identity initialisation");
        if (shape.Length != 2)
            throw new ArgumentException($"identity initialisation needs a matrix (rows, cols), got shape " +
                $"{ShapeText.Format(shape)}", nameof(shape));
        int rows = shape[0], cols = shape[1];
        values.Clear();
        T diagonal = T.CreateChecked(Gain);
        for (int i = 0; i < Math.Min(rows, cols); i++) values[i * cols + i] = diagonal;
    }
}
