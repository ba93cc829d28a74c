using System.Security.Cryptography;
using System.Text;
using Recurrent.Data;

namespace Recurrent.Training;

/// <summary>
/// A corpus made ready for <see cref="CharModelTrainer"/>: the vocabulary, the train/validation parts encoded, and a
/// fingerprint of the text (its length and SHA-256) by which a resumed run recognises its corpus. Characters: the
/// vocabulary is every Unicode character of the whole text (validation file included), so validation never meets an
/// unknown one. Words (<see cref="TextTokenization"/>): the vocabulary is built from the training part only, with
/// its min count, and validation words outside it are encoded as <see cref="WordVocabulary.Unknown"/>.
/// </summary>
public sealed class CharTrainingData
{
    private CharTrainingData(ITokenVocabulary vocabulary, int[] train, int[] validation, long characters,
        string sha256, string source, int validationUnknown)
    {
        Vocabulary = vocabulary;
        Train = train;
        Validation = validation;
        Characters = characters;
        Sha256 = sha256;
        Source = source;
        ValidationUnknown = validationUnknown;
    }

    /// <summary>The tokens: characters sorted by code point, or words (<see cref="WordVocabulary"/>).</summary>
    public ITokenVocabulary Vocabulary { get; }

    /// <summary>Token indices of the training part (the start of the text).</summary>
    public int[] Train { get; }

    /// <summary>Token indices of the validation part (the end of the text, or the validation file).</summary>
    public int[] Validation { get; }

    /// <summary>Characters in the whole text (with a validation file, both texts).</summary>
    public long Characters { get; }

    /// <summary>SHA-256 of the text's UTF-8 bytes (with a validation file, of both, separated by a NUL), lower-case
    /// hex.</summary>
    public string Sha256 { get; }

    /// <summary>Where the text came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Validation tokens outside a word vocabulary (encoded as <see cref="WordVocabulary.Unknown"/>); 0 for
    /// characters.</summary>
    public int ValidationUnknown { get; }

    /// <summary>Builds the character vocabulary, splits and encodes <paramref name="corpus"/>.</summary>
    /// <exception cref="InvalidDataException">A part would be empty.</exception>
    public static CharTrainingData Create(TextCorpus corpus, double trainFraction, double validationFraction) =>
        Create(corpus, TextTokenization.Chars, trainFraction, validationFraction);

    /// <summary>Splits <paramref name="corpus"/> by characters (train from its start, validation from its end), then
    /// builds the vocabulary of <paramref name="tokens"/> and encodes both parts.</summary>
    /// <exception cref="InvalidDataException">A part would be empty, or no word reaches the min count.</exception>
    public static CharTrainingData Create(TextCorpus corpus, TextTokenization tokens, double trainFraction,
        double validationFraction)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(tokens);
        tokens.Validate();
        var split = corpus.Split(trainFraction, validationFraction);
        var vocabulary = tokens.Kind == TokenKind.Words
            ? (ITokenVocabulary)WordVocabulary.FromText(split.Train, tokens.MinCount, tokens.Lowercase)
            : CharVocabulary.FromText(corpus.Text);
        return Encode(vocabulary, split.Train, split.Validation, corpus.Length, Hash(corpus.Text), corpus.Source);
    }

    /// <summary>Trains on all of <paramref name="train"/> and validates on all of <paramref name="validation"/>
    /// (<c>--valid FILE</c>).</summary>
    /// <exception cref="InvalidDataException">No word of the training text reaches the min count.</exception>
    public static CharTrainingData Create(TextCorpus train, TextCorpus validation, TextTokenization tokens)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(tokens);
        tokens.Validate();
        var vocabulary = tokens.Kind == TokenKind.Words
            ? (ITokenVocabulary)WordVocabulary.FromText(train.Text, tokens.MinCount, tokens.Lowercase)
            : CharVocabulary.FromText(train.Text + validation.Text);
        return Encode(vocabulary, train.Text, validation.Text, (long)train.Length + validation.Length,
            Hash(train.Text + "\0" + validation.Text), train.Source);
    }

    private static CharTrainingData Encode(ITokenVocabulary vocabulary, string train, string validation,
        long characters, string sha, string source)
    {
        int[] trainIds = vocabulary.Encode(train, out _); // every training character or word is known (min count
                                                          // aside, which is what <unk> stands for)
        int[] validationIds = vocabulary.Encode(validation, out int unknown);
        return new CharTrainingData(vocabulary, trainIds, validationIds, characters, sha, source, unknown);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
