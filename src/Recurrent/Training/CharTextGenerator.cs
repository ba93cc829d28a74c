using System.Text;
using Recurrent.Data;
using Recurrent.Models;

namespace Recurrent.Training;

/// <summary>
/// Generates text from a <see cref="CharLanguageModel{T}"/>: the prime text is fed through the model one character at a
/// time, then each next character is drawn by a <see cref="Sampler"/> from the logits and fed back. Without a prime the
/// model starts from a line break (or, when the vocabulary has none, its first character), which is not part of the
/// output. Word models (<see cref="WordVocabulary"/>) work the same on tokens: the prime is cut into words (without
/// the end-of-line token its last line would get, unless it ends with a line break), unknown words in it become
/// &lt;unk&gt;, the model starts from &lt;eos&gt; without one, and the drawn tokens are joined into readable text by
/// the vocabulary's <see cref="IDetokenizer"/>.
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

        return Sample(model, primed, length, new Sampler(vocabulary.Count, options), rng, (id, _) => vocabulary[id],
            onCharacter);
    }

    /// <summary>Generates <paramref name="length"/> tokens (characters or words) after <paramref name="prime"/>,
    /// calling <paramref name="onText"/> with the text of each as it is drawn.</summary>
    /// <returns>The generated text (the prime excluded).</returns>
    /// <exception cref="ArgumentException">A prime character outside a character vocabulary, or a prime whose words
    /// are all outside a word vocabulary.</exception>
    public static string GenerateTokens<T>(CharLanguageModel<T> model, ITokenVocabulary vocabulary, string prime,
        int length, SamplingOptions options, Random rng, Action<string>? onText = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (vocabulary is CharVocabulary characters)
            return Generate(model, characters, prime, length, options, rng, onText);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prime);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (vocabulary.Count != model.Config.VocabularySize)
            throw new ArgumentException($"vocabulary has {vocabulary.Count} tokens, the model " +
                $"{model.Config.VocabularySize}");
        int[] primed = PrimeTokens(vocabulary, prime);
        var writer = vocabulary.CreateDetokenizer();
        foreach (int index in primed) writer.Next(index); // the prime is the caller's text; this only sets spacing

        return Sample(model, primed, length, new Sampler(vocabulary.Count, options), rng,
            (id, last) => writer.Next(id) + (last ? writer.Flush() : ""), onText);
    }

    /// <summary>Feeds <paramref name="primed"/> through a fresh state, then draws <paramref name="length"/> tokens,
    /// each fed back; <paramref name="text"/> turns a token (and whether it is the last) into its text.</summary>
    private static string Sample<T>(CharLanguageModel<T> model, int[] primed, int length, Sampler sampler, Random rng,
        Func<int, bool, string> text, Action<string>? onText)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var states = model.CreateStates(1);
        int[] token = new int[1];
        Tensor<T>? logits = null;
        foreach (int index in primed)
        {
            token[0] = index;
            logits = model.Step(token, states);
        }
        var output = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            token[0] = sampler.Sample<T>(logits!.Span, rng);
            string piece = text(token[0], i + 1 == length);
            output.Append(piece);
            if (piece.Length > 0) onText?.Invoke(piece);
            if (i + 1 < length) logits = model.Step(token, states);
        }
        return output.ToString();
    }

    /// <summary>The prime's word tokens (none: &lt;eos&gt;).</summary>
    private static int[] PrimeTokens(ITokenVocabulary vocabulary, string prime)
    {
        var words = WordTokenizer.Tokenize(prime, vocabulary.Tokenization.Lowercase);
        if (words.Count > 0 && !prime.EndsWith('\n')) words.RemoveAt(words.Count - 1); // the <eos> of an open line
        if (words.Count == 0) return [WordVocabulary.EndOfLineIndex];
        int[] ids = vocabulary is WordVocabulary w ? w.Encode(words, out int unknown)
            : throw new ArgumentException($"unsupported vocabulary {vocabulary.GetType().Name}");
        if (unknown == words.Count)
            throw new ArgumentException($"prime text: none of its words is in the vocabulary of {vocabulary.Count} " +
                $"tokens (all {unknown} would be {WordVocabulary.Unknown})");
        return ids;
    }

    private static string StripParameter(string message)
    {
        int note = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return note > 0 ? message[..note] : message;
    }
}
