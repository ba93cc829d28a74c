using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Data;

/// <summary>
/// The characters of a character language model: every Unicode scalar value (<see cref="Rune"/>) seen in a text,
/// sorted by code point so the same text always gives the same indices. A character is a scalar value, not a
/// UTF-16 unit or a byte, so "é" or "🐋" is one symbol. Serialised as a JSON array of one-character strings in
/// index order.
/// </summary>
public sealed class CharVocabulary : ITokenVocabulary
{
    private readonly Rune[] _runes;                 // index → character
    private readonly string[] _symbols;             // index → the character as a string
    private readonly Dictionary<int, int> _indexOf; // code point → index
    // code point < 128 → index or −1; spares the dictionary in the common case
    private readonly int[] _asciiIndex;

    private CharVocabulary(Rune[] runes)
    {
        _runes = runes;
        _symbols = runes.Select(r => r.ToString()).ToArray();
        _indexOf = new Dictionary<int, int>(runes.Length);
        _asciiIndex = new int[128];
        _asciiIndex.AsSpan().Fill(-1);
        for (int i = 0; i < runes.Length; i++)
        {
            if (!_indexOf.TryAdd(runes[i].Value, i))
                throw new ArgumentException($"character {Describe(runes[i])} appears twice in the vocabulary " +
                    $"(indices {_indexOf[runes[i].Value]} and {i})");
            if (runes[i].Value < 128) _asciiIndex[runes[i].Value] = i;
        }
    }

    /// <summary>The vocabulary of <paramref name="text"/>: its distinct characters, sorted by code point.</summary>
    /// <exception cref="ArgumentException">The text is empty or holds a lone UTF-16 surrogate (not a
    /// character).</exception>
    public static CharVocabulary FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw new ArgumentException("cannot build a vocabulary from empty text", nameof(text));
        var seen = new HashSet<int>();
        var span = text.AsSpan();
        for (int offset = 0; offset < span.Length;)
        {
            var rune = ReadRune(span, offset);
            seen.Add(rune.Value);
            offset += rune.Utf16SequenceLength;
        }
        var sorted = seen.Order().Select(v => new Rune(v)).ToArray();
        return new CharVocabulary(sorted);
    }

    /// <summary>A vocabulary with exactly these characters in this order (index i is the i-th), e.g. as read back from
    /// JSON.</summary>
    /// <exception cref="ArgumentException">Empty, an entry that is not exactly one character, or a character listed
    /// twice.</exception>
    public static CharVocabulary FromSymbols(IEnumerable<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var runes = new List<Rune>();
        foreach (var symbol in symbols)
        {
            int index = runes.Count;
            if (symbol is null
                || Rune.DecodeFromUtf16(symbol, out var rune, out int used) != System.Buffers.OperationStatus.Done
                || used != symbol.Length)
                throw new ArgumentException($"vocabulary entry {index} must be exactly one Unicode character, got " +
                    $"{Quote(symbol)}");
            runes.Add(rune);
        }
        if (runes.Count == 0) throw new ArgumentException("a vocabulary needs at least one character, got none");
        return new CharVocabulary(runes.ToArray());
    }

    /// <summary>Number of characters V, the width of the one-hot inputs and of the logits.</summary>
    public int Count => _runes.Length;

    /// <summary>The characters as strings, in index order.</summary>
    public IReadOnlyList<string> Symbols => _symbols;

    /// <inheritdoc/>
    public TextTokenization Tokenization => TextTokenization.Chars;

    /// <inheritdoc/>
    public IDetokenizer CreateDetokenizer() => new CharDetokenizer(this);

    /// <summary>The character at <paramref name="index"/>, as a string (one or two UTF-16 units).</summary>
    public string this[int index] => _symbols[CheckIndex(index)];

    /// <summary>The character at <paramref name="index"/>.</summary>
    public Rune RuneAt(int index) => _runes[CheckIndex(index)];

    /// <summary>The index of <paramref name="rune"/>, or false when the vocabulary lacks it.</summary>
    public bool TryGetIndex(Rune rune, out int index)
    {
        if (rune.Value < 128)
        {
            index = _asciiIndex[rune.Value];
            return index >= 0;
        }
        return _indexOf.TryGetValue(rune.Value, out index);
    }

    /// <summary>True when the vocabulary holds <paramref name="rune"/>.</summary>
    public bool Contains(Rune rune) => TryGetIndex(rune, out _);

    /// <summary>The indices of the characters of <paramref name="text"/>, one per character.</summary>
    /// <exception cref="ArgumentException">A character is not in the vocabulary (named, with its position), or a lone
    /// surrogate.</exception>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EncodeCore(text, skipUnknown: false, out _);
    }

    /// <summary>
    /// The indices of the characters of <paramref name="text"/>, leaving out characters the vocabulary lacks and
    /// counting them in <paramref name="unknownCount"/>; for prime text or an evaluation text written by someone else.
    /// </summary>
    public int[] Encode(string text, out int unknownCount)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EncodeCore(text, skipUnknown: true, out unknownCount);
    }

    /// <summary>The text of <paramref name="indices"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index outside [0, <see cref="Count"/>).</exception>
    public string Decode(ReadOnlySpan<int> indices)
    {
        var builder = new StringBuilder(indices.Length);
        foreach (int index in indices) builder.Append(_symbols[CheckIndex(index)]);
        return builder.ToString();
    }

    /// <summary>The characters in index order as a JSON array of strings, e.g. ["\n"," ","!","a"].</summary>
    public string ToJson() => JsonSerializer.Serialize(_symbols, JsonOptions);

    /// <summary>Reads a vocabulary written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">Not a JSON array of one-character strings, or a character listed
    /// twice.</exception>
    public static CharVocabulary FromJson(string json, string source = "<json>")
    {
        ArgumentNullException.ThrowIfNull(json);
        string?[]? symbols;
        try
        {
            symbols = JsonSerializer.Deserialize<string?[]>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"vocabulary {source}: expected a JSON array of one-character strings: " +
                $"{e.Message}", e);
        }
        if (symbols is null)
            throw new InvalidDataException($"vocabulary {source}: expected a JSON array of one-character strings, " +
            $"got null");
        try
        {
            return FromSymbols(symbols!);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"vocabulary {source}: {e.Message}", e);
        }
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> atomically, as UTF-8.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToJson()));
    }

    /// <summary>Reads a vocabulary saved by <see cref="Save"/>.</summary>
    public static CharVocabulary Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"vocabulary file '{path}' does not exist", path);
        return FromJson(File.ReadAllText(path, Encoding.UTF8), $"'{path}'");
    }

    /// <inheritdoc/>
    public override string ToString() => $"CharVocabulary({Count} characters)";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Keep letters readable in the file ("é", not "\u00E9"); JSON stays valid either way.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private int[] EncodeCore(string text, bool skipUnknown, out int unknownCount)
    {
        var result = new int[text.Length]; // at least as many UTF-16 units as characters; trimmed below
        int count = 0;
        unknownCount = 0;
        var span = text.AsSpan();
        for (int offset = 0; offset < span.Length;)
        {
            var rune = ReadRune(span, offset);
            if (TryGetIndex(rune, out int index))
            {
                result[count++] = index;
            }
            else if (skipUnknown)
            {
                unknownCount++;
            }
            else
            {
                throw new ArgumentException(
                    $"character {Describe(rune)} at UTF-16 offset {offset} is not in the vocabulary of {Count} " +
                        $"characters", nameof(text));
            }
            offset += rune.Utf16SequenceLength;
        }
        return count == result.Length ? result : result[..count];
    }

    private static Rune ReadRune(ReadOnlySpan<char> text, int offset)
    {
        if (Rune.DecodeFromUtf16(text[offset..], out var rune, out _) != System.Buffers.OperationStatus.Done)
            throw new ArgumentException($"lone UTF-16 surrogate U+{(int)text[offset]:X4} at offset {offset} is not a " +
                $"character");
        return rune;
    }

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)_runes.Length)
            throw new ArgumentOutOfRangeException(nameof(index),
                $"character index {index} is outside [0, {_runes.Length})");
        return index;
    }

    /// <summary>"'a' (U+0061)", with control characters shown only by code point.</summary>
    internal static string Describe(Rune rune) =>
        Rune.IsControl(rune) ? $"U+{rune.Value:X4}" : $"'{rune}' (U+{rune.Value:X4})";

    private static string Quote(string? symbol) =>
        symbol is null ? "null" : $"\"{symbol}\" ({symbol.Length} UTF-16 units)";
}
