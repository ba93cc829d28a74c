using System.Text;
using Recurrent.Data;
using Recurrent.Models;

namespace Recurrent.Training;

/// <summary>
/// Generates text from a <see cref="CharLanguageModel{T}"/>: the prime text is fed through the model one character at a
/// time, then each next character is drawn by a <see cref="Sampler"/> from the logits and fed back. Without a prime the
/// model starts from a line break (or, when the vocabulary has none, its first character), which is not part of the
/// output.
/// </summary>
public static class CharTextGenerator
{
    /// <summary>Generates <paramref name="length"/> characters after <paramref name="prime"/>, calling
    /// <paramref name="onCharacter"/> with each as it is drawn.</summary>
    /// <returns>The generated characters (the prime excluded).</returns>
    /// <exception cref="ArgumentException">A prime character outside the vocabulary (named, with its
    /// position).</exception>
    public static string Generate<T>(CharLanguageModel<T> model, CharVocabulary vocabulary, string prime, int length,
        SamplingOptions options, Random rng, Action<string>? onCharacter = null) where T : unmanaged,
            IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(prime);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (vocabulary.Count != model.Config.VocabularySize)
            throw new ArgumentException($"vocabulary has {vocabulary.Count} characters, the model " +
                $"{model.Config.VocabularySize}");
        int[] primed;
        try { primed = vocabulary.Encode(prime); }
        catch (ArgumentException e) { throw new ArgumentException($"prime text: {StripParameter(e.Message)}", e); }
        if (primed.Length == 0) primed = [vocabulary.TryGetIndex(new Rune('\n'), out int newline) ? newline : 0];

        var sampler = new Sampler(vocabulary.Count, options);
        var states = model.CreateStates(1);
        int[] token = new int[1];
        Tensor<T>? logits = null;
        foreach (int index in primed)
        {
            token[0] = index;
            logits = model.Step(token, states);
        }
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            token[0] = sampler.Sample<T>(logits!.Span, rng);
            string character = vocabulary[token[0]];
            text.Append(character);
            onCharacter?.Invoke(character);
            if (i + 1 < length) logits = model.Step(token, states);
        }
        return text.ToString();
    }

    private static string StripParameter(string message)
    {
        int note = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return note > 0 ? message[..note] : message;
    }
}
