using System.Text;

namespace Recurrent.Seq2Seq;

/// <summary>
/// The token ids of one side of a seq2seq model: four reserved ids (<see cref="Pad"/>, <see cref="Start"/>,
/// <see cref="End"/>, <see cref="Unknown"/>) and then the tokens seen in training, in ordinal order, so the same data
/// gives the same ids. A token never seen maps to <see cref="Unknown"/> (the documented fallback for unseen input).
/// </summary>
public sealed class TokenVocabulary
{
    /// <summary>Padding (never a target).</summary>
    public const int Pad = 0;

    /// <summary>The decoder's first input.</summary>
    public const int Start = 1;

    /// <summary>The end of an output.</summary>
    public const int End = 2;

    /// <summary>Any token not in the vocabulary.</summary>
    public const int Unknown = 3;

    /// <summary>How many ids are reserved before the first token.</summary>
    public const int ReservedCount = 4;

    private static readonly string[] Reserved = ["<pad>", "<s>", "</s>", "<unk>"];
    private readonly string[] _tokens; // every id's name, reserved ones first
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>A vocabulary of <paramref name="unit"/> tokens; <paramref name="tokens"/> take ids 4, 5, … in the
    /// order given (distinct, non-empty, none a reserved name).</summary>
    public TokenVocabulary(TokenUnit unit, IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (!Enum.IsDefined(unit)) throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown token unit");
        Unit = unit;
        _tokens = [.. Reserved, .. tokens];
        for (int i = 0; i < _tokens.Length; i++)
        {
            var token = _tokens[i];
            if (string.IsNullOrEmpty(token)) throw new ArgumentException($"token {i} is empty");
            if (!_ids.TryAdd(token, i))
                throw new ArgumentException(i < ReservedCount || Array.IndexOf(Reserved, token) < 0
                    ? $"token \"{token}\" appears twice"
                    : $"token \"{token}\" is a reserved name");
        }
    }

    /// <summary>The vocabulary of every token in <paramref name="texts"/>, in ordinal order.</summary>
    public static TokenVocabulary Build(TokenUnit unit, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts) seen.UnionWith(Split(text, unit));
        seen.ExceptWith(Reserved);
        return new TokenVocabulary(unit, seen);
    }

    /// <summary>How texts are cut into tokens.</summary>
    public TokenUnit Unit { get; }

    /// <summary>Ids in all, reserved ones included.</summary>
    public int Count => _tokens.Length;

    /// <summary>Every id's token, reserved names ("&lt;pad&gt;", "&lt;s&gt;", "&lt;/s&gt;", "&lt;unk&gt;")
    /// first.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>The tokens after the reserved ids (what a model file stores).</summary>
    public IEnumerable<string> LearnedTokens => _tokens.Skip(ReservedCount);

    /// <summary>The token of <paramref name="id"/>.</summary>
    public string this[int id] => _tokens[id];

    /// <summary>True when <paramref name="token"/> has an id of its own.</summary>
    public bool Contains(string token) => _ids.ContainsKey(token);

    /// <summary>The ids of <paramref name="text"/>'s tokens, <see cref="Unknown"/> for unseen ones (no start or
    /// end).</summary>
    public int[] Encode(string text) =>
        [.. Split(text, Unit).Select(t => _ids.TryGetValue(t, out int id) ? id : Unknown)];

    /// <summary>The tokens of <paramref name="text"/> that have no id.</summary>
    public IReadOnlyList<string> UnknownTokens(string text) =>
        [.. Split(text, Unit).Where(t => !_ids.ContainsKey(t)).Distinct()];

    /// <summary>The text of <paramref name="ids"/>, joined by the unit; reserved ids are skipped.</summary>
    public string Decode(IEnumerable<int> ids) => Join(ids.Where(id => id >= ReservedCount).Select(id => _tokens[id]),
        Unit);

    /// <summary>Cuts <paramref name="text"/> into tokens: characters, or space-separated words.</summary>
    public static string[] Split(string text, TokenUnit unit)
    {
        ArgumentNullException.ThrowIfNull(text);
        return unit == TokenUnit.Words ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [.. text.EnumerateRunes().Select(r => r.ToString())];
    }

    /// <summary>Joins tokens back into a text: directly for characters, with single spaces for words.</summary>
    public static string Join(IEnumerable<string> tokens, TokenUnit unit) =>
        string.Join(unit == TokenUnit.Words ? " " : "", tokens);
}
