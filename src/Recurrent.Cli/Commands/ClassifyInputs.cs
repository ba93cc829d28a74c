using System.CommandLine;
using Recurrent.Classification;
using Recurrent.Data;

namespace Recurrent.Cli.Commands;

/// <summary>
/// The data options of the classify commands: <c>--data FILE</c> (.tsv or .csv), or <c>--images FILE --labels FILE</c>
/// (IDX) with optional <c>--class-names a,b,…</c>; <paramref name="prefix"/> "valid-" names the validation set's.
/// </summary>
internal sealed class ClassifyInputs
{
    private readonly string _what, _data, _images, _labels;

    public ClassifyInputs(string dataName, string what, string imagesName, string labelsName)
    {
        _what = what;
        (_data, _images, _labels) = (dataName, imagesName, labelsName);
        Data = new Option<string?>(dataName)
        {
            Description = $"{what}: .tsv lines label<TAB>text, or .csv rows id,step,features…,label",
        };
        Images =
            new Option<string?>(imagesName) { Description = $"{what}: IDX images, each read as a sequence of rows" };
        Labels = new Option<string?>(labelsName) { Description = $"{what}: IDX labels matching {imagesName}" };
    }

    public Option<string?> Data { get; }
    public Option<string?> Images { get; }
    public Option<string?> Labels { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Images);
        command.Options.Add(Labels);
    }

    /// <summary>Whether any of the options was given.</summary>
    public bool Given(ParseResult parse) =>
        parse.GetValue(Data) is not null || parse.GetValue(Images) is not null || parse.GetValue(Labels) is not null;

    /// <summary>Reads the data the options name (with the classifier's names and vocabulary when given).</summary>
    public SequenceDataset Read(ParseResult parse, IReadOnlyList<string>? classNames, SequenceClassifier? classifier)
    {
        string? data = parse.GetValue(Data), images = parse.GetValue(Images), labels = parse.GetValue(Labels);
        if (data is not null && (images ?? labels) is not null)
            throw new ArgumentException($"give either {_data} or {_images}/{_labels} for the {_what}, not both");
        if (data is not null) return ClassificationData.Read(data, classifier);
        if (images is null || labels is null)
            throw new ArgumentException($"the {_what}: expected {_data} FILE, or {_images} FILE with {_labels} FILE");
        return ClassificationData.ReadIdx(images, labels, classNames, classifier);
    }

    /// <summary>--class-names a,b,…: names for IDX label numbers 0, 1, ….</summary>
    public static Option<string?> ClassNamesOption() => new("--class-names")
    {
        Description = "Comma-separated names of the IDX label numbers 0, 1, … (default the numbers)",
    };

    public static string[]? ClassNames(string? text) =>
        text is null ? null : [.. text.Split(',').Select(n => n.Trim())];
}
