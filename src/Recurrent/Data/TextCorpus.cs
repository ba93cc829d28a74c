using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Recurrent.Data;

/// <summary>
/// A UTF-8 text to train a character model on, validated strictly on load so that a wrong file fails with a
/// message saying what is wrong with it rather than training on garbage: missing, empty, binary (NUL bytes or
/// many control characters), or not valid UTF-8 (with the byte offset of the first bad sequence). A UTF-8 byte
/// order mark is dropped.
/// </summary>
public sealed class TextCorpus
{
    /// <summary>
    /// Largest share of control characters (other than \n, \r, \t and form feed) a text may hold before it is
    /// taken for binary data: real texts have next to none, while binary files decoded by chance have many.
    /// </summary>
    public const double MaxControlShare = 0.01;

    /// <summary>Largest file accepted, in bytes: its text must fit one .NET string (about 2^30 UTF-16
    /// units).</summary>
    public const long MaxBytes = 1_000_000_000;

    private TextCorpus(string text, string source, int length)
    {
        Text = text;
        Source = source;
        Length = length;
    }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>Where the text came from (a path, or a name given to <see cref="FromBytes"/>), for messages.</summary>
    public string Source { get; }

    /// <summary>Number of characters (Unicode scalar values), i.e. the length of the encoded index sequence.</summary>
    public int Length { get; }

    /// <summary>Reads and validates the UTF-8 text at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Empty, binary or invalid UTF-8.</exception>
    public static TextCorpus Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new FileNotFoundException($"text corpus '{path}' is a directory, expected a UTF-8 text file", path);
        if (!File.Exists(path)) throw new FileNotFoundException($"text corpus '{path}' does not exist", path);
        long length = new FileInfo(path).Length;
        if (length > MaxBytes)
            throw new InvalidDataException($"text corpus '{path}' is {length:N0} bytes; at most {MaxBytes:N0} are " +
                "supported (one string holds the text)");
        return FromBytes(File.ReadAllBytes(path), $"'{path}'");
    }

    /// <summary>Validates and decodes UTF-8 bytes; <paramref name="source"/> names them in messages.</summary>
    /// <exception cref="InvalidDataException">Empty, binary or invalid UTF-8.</exception>
    public static TextCorpus FromBytes(ReadOnlySpan<byte> bytes, string source = "<memory>")
    {
        ArgumentNullException.ThrowIfNull(source);
        int bom = bytes.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var body = bytes[bom..];
        if (body.Length > MaxBytes)
            throw new InvalidDataException($"text corpus {source} is {body.Length:N0} bytes; at most {MaxBytes:N0} " +
                "are supported (one string holds the text)");
        if (body.Length == 0)
            throw new InvalidDataException($"text corpus {source} is " +
                $"empty{(bom > 0 ? " (only a byte order mark)" : "")}; expected UTF-8 text");

        int nul = body.IndexOf((byte)0);
        if (nul >= 0)
            throw new InvalidDataException($"text corpus {source} looks binary: NUL byte at offset {bom + nul}; " +
                $"expected UTF-8 text");

        var chars = new char[body.Length]; // UTF-8 never needs more UTF-16 units than bytes
        var status = Utf8.ToUtf16(body, chars, out int read, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var bad = body.Slice(read, Math.Min(4, body.Length - read));
            // The converter reports a sequence cut off by the end of the file as invalid; say which it is.
            bool truncated = Rune.DecodeFromUtf8(body[read..], out _, out _) == OperationStatus.NeedMoreData;
            string what = truncated ? "truncated UTF-8 sequence" : "invalid UTF-8 sequence";
            throw new InvalidDataException(
                $"text corpus {source} is not valid UTF-8: {what} at byte offset {bom + read} (bytes " +
                    $"{Convert.ToHexString(bad)}{(truncated ? ", cut off by the end of the file" : "")}); " +
                "convert it to UTF-8 first");
        }

        var text = new string(chars, 0, written);
        int length = 0, control = 0;
        int firstControlOffset = -1;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && !IsTextControl(rune.Value))
            {
                if (control++ == 0) firstControlOffset = length;
            }
            length++;
        }
        if (control > MaxControlShare * length)
            throw new InvalidDataException(
                $"text corpus {source} looks binary: {control} of its {length} characters " +
                    $"({100.0 * control / length:F1}%) are control characters (the first at character " +
                        $"{firstControlOffset}); expected at most {MaxControlShare:P0} in text");
        return new TextCorpus(text, source, length);
    }

    /// <summary>Validates text already in memory by the same rules as a file (empty, NUL, control characters); a lone
    /// surrogate becomes U+FFFD.</summary>
    public static TextCorpus FromText(string text, string source = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromBytes(Encoding.UTF8.GetBytes(text), source);
    }

    /// <summary>
    /// Splits the text into a training part, the first <paramref name="trainFraction"/> of its characters, and a
    /// validation part, the last <paramref name="validationFraction"/>; both contiguous, so no sentence is shared.
    /// When the fractions sum to less than 1 the characters between the two are left out (e.g. for a test set).
    /// Sizes are rounded down to whole characters, and a split never cuts a surrogate pair.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">trainFraction outside (0, 1], validationFraction outside [0, 1),
    /// or their sum above 1.</exception>
    /// <exception cref="InvalidDataException">A part with a positive fraction would be empty.</exception>
    public TextSplit Split(double trainFraction, double validationFraction)
    {
        if (!(trainFraction > 0 && trainFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(trainFraction),
                $"train fraction must lie in (0, 1], got {trainFraction}");
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction),
                $"validation fraction must lie in [0, 1), got {validationFraction}");
        if (trainFraction + validationFraction > 1 + 1e-12)
            throw new ArgumentOutOfRangeException(nameof(validationFraction),
                $"train and validation fractions must sum to at most 1, got {trainFraction} + {validationFraction} = " +
                    $"{trainFraction + validationFraction}");

        int trainLength = (int)Math.Floor(trainFraction * Length + 1e-9);
        int validationLength = (int)Math.Floor(validationFraction * Length + 1e-9);
        trainLength = Math.Min(trainLength, Length - validationLength); // rounding must never make the parts overlap
        if (trainLength == 0)
            throw new InvalidDataException($"text corpus {Source} has {Length} characters; a train fraction of " +
                $"{trainFraction} leaves none for training");
        if (validationFraction > 0 && validationLength == 0)
            throw new InvalidDataException($"text corpus {Source} has {Length} characters; a validation fraction of " +
                $"{validationFraction} leaves none for validation");

        int trainEnd = Utf16Offset(trainLength);
        int validationStart = Utf16Offset(Length - validationLength);
        return new TextSplit(Text[..trainEnd], Text[validationStart..]);
    }

    /// <summary>
    /// Checks that <paramref name="characterCount"/> characters fill <paramref name="batchSize"/> parallel streams of
    /// at least <paramref name="sequenceLength"/> + 1 characters each (T inputs and the target after the last),
    /// the least one batch of <see cref="CharStreamBatcher"/> needs.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is too short; the message gives what it has and what is
    /// needed.</exception>
    public static void RequireLength(int characterCount, int sequenceLength, int batchSize, string what)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long needed = (long)batchSize * (sequenceLength + 1);
        if (characterCount < needed)
            throw new InvalidDataException(
                $"{what} has {characterCount} characters, too few for {batchSize} streams of {sequenceLength} + 1 " +
                    $"characters: need at least {needed}; use a longer text, a shorter sequence length or a smaller " +
                        $"batch");
    }

    /// <summary>The UTF-16 offset of character <paramref name="characterIndex"/>.</summary>
    private int Utf16Offset(int characterIndex)
    {
        // Fast path: without surrogate pairs, characters and UTF-16 units coincide.
        if (Length == Text.Length) return characterIndex;
        int offset = 0;
        for (int i = 0; i < characterIndex; i++) offset += char.IsHighSurrogate(Text[offset]) ? 2 : 1;
        return offset;
    }

    private static bool IsTextControl(int value) => value is '\n' or '\r' or '\t' or '\f';

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
}
