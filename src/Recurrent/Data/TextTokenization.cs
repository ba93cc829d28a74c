using System.Text;
using System.Text.Json;

namespace Recurrent.Data;

/// <summary>
/// How a language model cuts text into tokens, stored as the <c>tokens</c> entry of its checkpoint's metadata
/// (<see cref="ToJson"/>: <c>{"kind": "chars" | "words", "lowercase": bool, "min_count": n}</c>). A checkpoint
/// without the entry is a character model, as every file written before word models existed.
/// </summary>
/// <param name="Kind">Characters or words.</param>
/// <param name="Lowercase">Words only: lowercase every token before counting and looking it up.</param>
/// <param name="MinCount">Words only: a token enters the vocabulary when the training text holds it at least this
/// often; rarer ones become <see cref="WordVocabulary.Unknown"/>.</param>
public sealed record TextTokenization(TokenKind Kind, bool Lowercase = false, int MinCount = 1)
{
    /// <summary>Characters, as every character model.</summary>
    public static TextTokenization Chars { get; } = new(TokenKind.Chars);

    /// <summary>"chars" or "words" for <paramref name="kind"/>.</summary>
    public static string Name(TokenKind kind) => kind == TokenKind.Words ? "words" : "chars";

    /// <summary>Parses "chars" or "words" (any case).</summary>
    public static bool TryParse(string? name, out TokenKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "chars": kind = TokenKind.Chars; return true;
            case "words": kind = TokenKind.Words; return true;
            default: kind = TokenKind.Chars; return false;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming a field out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind)) throw new ArgumentException($"tokens: unknown kind {(int)Kind}");
        if (MinCount < 1) throw new ArgumentException($"min-count must be at least 1, got {MinCount}");
        if (Kind == TokenKind.Chars && (Lowercase || MinCount != 1))
            throw new ArgumentException("lowercase and min-count apply to word tokens only");
    }

    /// <summary>One JSON object (class summary).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("kind", Name(Kind));
            w.WriteBoolean("lowercase", Lowercase);
            w.WriteNumber("min_count", MinCount);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses <see cref="ToJson"/>'s object; <see cref="InvalidDataException"/> names a bad field.</summary>
    public static TextTokenization FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"tokens must be a JSON object, got {root.ValueKind}");
            string? kindName = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String
                ? k.GetString() : null;
            if (!TryParse(kindName, out var kind))
                throw new InvalidDataException($"tokens: kind must be \"chars\" or \"words\", got {k}");
            bool lowercase = root.TryGetProperty("lowercase", out var l) && l.ValueKind == JsonValueKind.True;
            int minCount = root.TryGetProperty("min_count", out var m) && m.TryGetInt32(out int n) ? n : 1;
            var tokenization = new TextTokenization(kind, lowercase, minCount);
            tokenization.Validate();
            return tokenization;
        }
        catch (JsonException e) { throw new InvalidDataException($"tokens is not valid JSON: {e.Message}", e); }
        catch (ArgumentException e) { throw new InvalidDataException(e.Message, e); }
        catch (InvalidOperationException e) { throw new InvalidDataException($"tokens: {e.Message}", e); }
    }

    /// <summary>The vocabulary of this kind with exactly these symbols in index order, e.g. as read from a
    /// checkpoint.</summary>
    /// <exception cref="ArgumentException">Symbols that do not fit the kind (see the vocabularies' FromSymbols).
    /// </exception>
    public ITokenVocabulary Vocabulary(IEnumerable<string> symbols) => Kind == TokenKind.Words
        ? WordVocabulary.FromSymbols(symbols, Lowercase, MinCount)
        : CharVocabulary.FromSymbols(symbols);
}
