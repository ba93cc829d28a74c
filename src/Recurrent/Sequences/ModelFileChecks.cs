using Recurrent.Parameters;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Sequences;

/// <summary>
/// The checks a model file passes before and after its network is built, so a hostile file is refused with an
/// <see cref="InvalidDataException"/> instead of costing gigabytes or loading garbage: the architecture in the
/// metadata must not declare far more parameters than the file holds values (a 1 KB file saying hidden_size 10^6 would
/// otherwise allocate terabytes before the shapes are compared), and every loaded weight must be finite.
/// </summary>
internal static class ModelFileChecks
{
    /// <summary>Parameters a file's options may declare beyond the values it holds before the claim is refused
    /// unbuilt (4 MiB of floats, 8 with their gradients).</summary>
    private const long Slack = 1 << 20;

    /// <summary>Refuses <paramref name="options"/> when its network would need far more values than
    /// <paramref name="file"/> holds, counting the parameters without allocating them.</summary>
    public static void RequireParametersFit(SequenceModelOptions options, SafetensorsFile file, string path)
    {
        long held = file.Tensors.Sum(t => (long)t.ElementCount);
        long declared;
        try
        {
            declared = SequenceNetwork<float>.DeclaredParameterCount(options);
        }
        catch (Exception e) when (e is OverflowException or ArgumentException)
        {
            throw new InvalidDataException(
                $"model file '{path}': its options declare a network too large for one array ({e.Message})", e);
        }
        // A small excess is left to the shape comparison, whose message names each mismatched tensor; only a claim
        // that would cost real memory (over a million values beyond the file's) is refused here.
        if (declared > held + Slack)
            throw new InvalidDataException(
                $"model file '{path}': its options declare {declared} parameters but the file holds {held} values");
    }

    /// <summary>Refuses weights holding NaN or ±∞, naming the first such parameter and element.</summary>
    public static void RequireFinite<T>(ParameterSet<T> parameters, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var parameter in parameters.Parameters)
        {
            var values = parameter.Value.Span;
            for (int i = 0; i < values.Length; i++)
                if (!T.IsFinite(values[i]))
                    throw new InvalidDataException(
                        $"model file '{path}': {parameter.Name} holds {values[i]} at element {i}; expected finite " +
                        "weights (a diverged run saved, or a damaged file)");
        }
    }
}
