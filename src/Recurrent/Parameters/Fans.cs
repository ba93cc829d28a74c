namespace Recurrent.Parameters;

/// <summary>
/// fan_in and fan_out of a weight of shape (fan_out, fan_in, k₁, k₂, …), as torch.nn.init computes them:
/// fan_in = shape[1]·r, fan_out = shape[0]·r with r = k₁·k₂·… (1 for a matrix).
/// </summary>
internal static class Fans
{
    /// <summary>Fans of <paramref name="shape"/>; throws for rank &lt; 2 or a buffer of the wrong size, naming
    /// <paramref name="initializer"/>.</summary>
    public static (int FanIn, int FanOut) Of(ReadOnlySpan<int> shape, int valueCount, string initializer)
    {
        RequireMatrixLike(shape, valueCount, initializer);
        int receptive = 1;
        for (int i = 2; i < shape.Length; i++) receptive *= shape[i];
        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>Throws unless <paramref name="shape"/> has rank ≥ 2, positive sizes and <paramref name="valueCount"/>
    /// elements.</summary>
    public static void RequireMatrixLike(ReadOnlySpan<int> shape, int valueCount, string initializer)
    {
        if (shape.Length < 2)
            throw new ArgumentException(
                $"{initializer} needs a weight of rank ≥ 2, (fan_out, fan_in, …), got shape " +
                    $"{ShapeText.Format(shape)}; use a constant or uniform initializer for biases",
                nameof(shape));
        int volume = 1;
        foreach (int size in shape)
        {
            if (size <= 0)
                throw new ArgumentException($"{initializer}: every dimension must be positive, got shape " +
                $"{ShapeText.Format(shape)}", nameof(shape));
            volume *= size;
        }
        if (volume != valueCount)
            throw new ArgumentException($"{initializer}: shape {ShapeText.Format(shape)} has {volume} elements but " +
                $"the buffer has {valueCount}", nameof(shape));
    }

    /// <summary>Throws unless <paramref name="gain"/> is positive and finite.</summary>
    public static double CheckGain(double gain, string paramName)
    {
        if (!(gain > 0) || double.IsInfinity(gain))
            throw new ArgumentOutOfRangeException(paramName,
                $"gain must be a positive finite number, got " +
                $"{gain.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        return gain;
    }
}
