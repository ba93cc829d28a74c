namespace Recurrent.Data;

/// <summary>How <see cref="TextSequenceReader"/> reads a file with one sequence per line.</summary>
public sealed record TextSequenceOptions
{
    /// <summary>Lines start with a label and <see cref="LabelSeparator"/>, as in "label&lt;TAB&gt;text".</summary>
    public bool HasLabels { get; init; } = true; // classification of lines; false for unlabelled text

    /// <summary>The character between the label and the text (the first one on the line).</summary>
    public char LabelSeparator { get; init; } = '\t'; // TSV-style, so the text may hold commas and spaces

    /// <summary>
    /// The characters to use, e.g. the training set's <see cref="SequenceDataset.Vocabulary"/> when reading
    /// validation text; null builds it from this file's text (the training data).
    /// </summary>
    public CharVocabulary? Vocabulary { get; init; } // null: from this file

    /// <summary>What to do with a character <see cref="Vocabulary"/> lacks.</summary>
    public UnknownSymbolPolicy UnknownSymbols { get; init; } // Error: unseen characters are found, not hidden

    /// <summary>Class id → label, e.g. the training set's; null builds them from the file's labels, sorted.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; } // null: from this file
}
