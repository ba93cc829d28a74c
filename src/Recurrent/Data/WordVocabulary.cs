using System.Text;

namespace Recurrent.Data;

/// <summary>
/// The tokens of a word-level language model: <see cref="Unknown"/> (index 0), <see cref="EndOfLine"/> (index 1),
/// then every token of the training text (<see cref="WordTokenizer"/>) seen at least
/// <see cref="TextTokenization.MinCount"/> times, in the order of first appearance (as PyTorch's word_language_model
/// Dictionary numbers them), so the same text always gives the same indices. Any other token, in training text or not,
/// is encoded as <see cref="Unknown"/>; an evaluation counts such tokens, predicts them as the <see cref="Unknown"/>
/// class and scores them like any other (a PTB-style model with a closed vocabulary).
/// </summary>
public sealed class WordVocabulary : ITokenVocabulary
{
    /// <summary>The token that stands for every word outside the vocabulary.</summary>
    public const string Unknown = "<unk>";

    /// <summary>The end-of-line token (<see cref="WordTokenizer.EndOfLine"/>).</summary>
    public const string EndOfLine = WordTokenizer.EndOfLine;

    /// <summary>Index of <see cref="Unknown"/>.</summary>
    public const int UnknownIndex = 0;

    /// <summary>Index of <see cref="EndOfLine"/>.</summary>
    public const int EndOfLineIndex = 1;

    private readonly string[] _symbols;
    private readonly Dictionary<string, int> _indexOf;

    private WordVocabulary(string[] symbols, bool lowercase, int minCount)
    {
        _symbols = symbols;
        Tokenization = new TextTokenization(TokenKind.Words, lowercase, minCount);
        _indexOf = new Dictionary<string, int>(symbols.Length, StringComparer.Ordinal);
        for (int i = 0; i < symbols.Length; i++)
            if (!_indexOf.TryAdd(symbols[i], i))
                throw new ArgumentException($"vocabulary entry {i} ('{symbols[i]}') appears twice");
    }

    /// <summary>The vocabulary of a training text: its tokens seen at least <paramref name="minCount"/>
    /// times.</summary>
    /// <exception cref="InvalidDataException">No token of the text is that frequent (an empty vocabulary).</exception>
    public static WordVocabulary FromText(string text, int minCount = 1, bool lowercase = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromTokens(WordTokenizer.Tokenize(text, lowercase), minCount, lowercase);
    }

    /// <summary>The vocabulary of tokens already split (and lowercased when <paramref name="lowercase"/>).</summary>
    /// <exception cref="InvalidDataException">No token is seen <paramref name="minCount"/> times.</exception>
    public static WordVocabulary FromTokens(IEnumerable<string> tokens, int minCount = 1, bool lowercase = false)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var token in tokens)
        {
            if (token is EndOfLine or Unknown) continue;
            if (counts.TryGetValue(token, out int n)) counts[token] = n + 1;
            else
            {
                counts[token] = 1;
                order.Add(token);
            }
        }
        var kept = order.Where(t => counts[t] >= minCount).ToList();
        if (kept.Count == 0)
        {
            string most = counts.Count == 0 ? "the text has no words at all"
                : $"the most frequent, '{counts.MaxBy(p => p.Value).Key}', occurs {counts.Values.Max()} times";
            throw new InvalidDataException($"the vocabulary is empty: no word of the training text occurs at least " +
                $"{minCount} times ({most}); lower the min count");
        }
        return new WordVocabulary([Unknown, EndOfLine, .. kept], lowercase, minCount);
    }

    /// <summary>A vocabulary with exactly these symbols in index order, as read back from a checkpoint.</summary>
    /// <exception cref="ArgumentException">Index 0 is not <see cref="Unknown"/>, index 1 not
    /// <see cref="EndOfLine"/>, or an entry is empty, holds white space, or appears twice.</exception>
    public static WordVocabulary FromSymbols(IEnumerable<string> symbols, bool lowercase = false, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var list = symbols.ToArray();
        if (list.Length < 2 || list[0] != Unknown || list[1] != EndOfLine)
            throw new ArgumentException($"a word vocabulary starts with \"{Unknown}\", \"{EndOfLine}\"");
        for (int i = 2; i < list.Length; i++)
            if (string.IsNullOrEmpty(list[i]) || list[i].Any(char.IsWhiteSpace))
                throw new ArgumentException($"vocabulary entry {i} must be one token without white space, got " +
                    $"\"{list[i]}\"");
        return new WordVocabulary(list, lowercase, minCount);
    }

    /// <inheritdoc/>
    public int Count => _symbols.Length;

    /// <inheritdoc/>
    public IReadOnlyList<string> Symbols => _symbols;

    /// <inheritdoc/>
    public TextTokenization Tokenization { get; }

    /// <summary>The token at <paramref name="index"/>.</summary>
    public string this[int index] => (uint)index < (uint)_symbols.Length ? _symbols[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"token index {index} is outside [0, {Count})");

    /// <summary>The index of <paramref name="token"/> (lowercase it first for a lowercasing vocabulary), or false
    /// when the vocabulary lacks it.</summary>
    public bool TryGetIndex(string token, out int index) => _indexOf.TryGetValue(token, out index);

    /// <summary>The index of each token; <see cref="UnknownIndex"/> for those the vocabulary lacks, counted in
    /// <paramref name="unknownCount"/>.</summary>
    public int[] Encode(IReadOnlyList<string> tokens, out int unknownCount)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var result = new int[tokens.Count];
        unknownCount = 0;
        for (int i = 0; i < result.Length; i++)
        {
            if (_indexOf.TryGetValue(tokens[i], out int index)) result[i] = index;
            else
            {
                result[i] = UnknownIndex;
                unknownCount++;
            }
        }
        return result;
    }

    /// <inheritdoc/>
    public int[] Encode(string text, out int unknownCount)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encode(WordTokenizer.Tokenize(text, Tokenization.Lowercase), out unknownCount);
    }

    /// <summary>Readable text for <paramref name="indices"/> (<see cref="WordDetokenizer"/>).</summary>
    public string Decode(ReadOnlySpan<int> indices)
    {
        var text = new StringBuilder();
        var writer = CreateDetokenizer();
        foreach (int index in indices) text.Append(writer.Next(index));
        return text.Append(writer.Flush()).ToString();
    }

    /// <inheritdoc/>
    public IDetokenizer CreateDetokenizer() => new WordDetokenizer(this);

    /// <inheritdoc/>
    public override string ToString() => $"WordVocabulary({Count} tokens)";
}
