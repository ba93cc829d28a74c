using System.Security.Cryptography;
using System.Text;
using Recurrent.Data;

namespace Recurrent.Training;

/// <summary>
/// A corpus made ready for <see cref="CharModelTrainer"/>: the vocabulary of the whole text (every Unicode character
/// seen, so validation never meets an unknown one), the contiguous train/validation split, both parts encoded, and a
/// fingerprint of the text (its length and SHA-256) by which a resumed run recognises its corpus.
/// </summary>
public sealed class CharTrainingData
{
    private CharTrainingData(CharVocabulary vocabulary, int[] train, int[] validation, long characters, string sha256,
        string source)
    {
        Vocabulary = vocabulary;
        Train = train;
        Validation = validation;
        Characters = characters;
        Sha256 = sha256;
        Source = source;
    }

    /// <summary>The characters of the whole text, sorted by code point.</summary>
    public CharVocabulary Vocabulary { get; }

    /// <summary>Indices of the training part (the start of the text).</summary>
    public int[] Train { get; }

    /// <summary>Indices of the validation part (the end of the text).</summary>
    public int[] Validation { get; }

    /// <summary>Characters in the whole text.</summary>
    public long Characters { get; }

    /// <summary>SHA-256 of the text's UTF-8 bytes, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>Where the text came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Builds the vocabulary, splits and encodes <paramref name="corpus"/>.</summary>
    /// <exception cref="InvalidDataException">A part would be empty.</exception>
    public static CharTrainingData Create(TextCorpus corpus, double trainFraction, double validationFraction)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var vocabulary = CharVocabulary.FromText(corpus.Text);
        var split = corpus.Split(trainFraction, validationFraction);
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(corpus.Text)));
        return new CharTrainingData(vocabulary, vocabulary.Encode(split.Train), vocabulary.Encode(split.Validation),
            corpus.Length, sha, corpus.Source);
    }
}
