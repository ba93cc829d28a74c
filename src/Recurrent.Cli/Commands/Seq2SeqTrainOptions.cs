namespace Recurrent.Cli.Commands;

/// <summary>The options of <c>recurrent seq2seq train</c>, one per flag.</summary>
public sealed record Seq2SeqTrainOptions
{
    public string Data { get; init; } = "";
    public string? Valid { get; init; }
    public string Out { get; init; } = "";
    public double? Minutes { get; init; }           // default: no time budget
    public int Epochs { get; init; } = 10;
    public string Attention { get; init; } = "luong"; // none | bahdanau | luong (general) | luong-dot
    public string SourceTokens { get; init; } = "chars";
    public string TargetTokens { get; init; } = "chars";
    public string Model { get; init; } = "lstm";    // lstm | gru
    public int Embedding { get; init; } = 64;
    public int Hidden { get; init; } = 128;         // encoder units per direction
    public int DecoderHidden { get; init; } = 256;  // equal to 2 × --hidden: no bridge projection
    public int Layers { get; init; } = 1;
    public bool Unidirectional { get; init; }       // default: a bidirectional encoder
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 2e-3; // Adam
    public double GradClip { get; init; } = 5;
    public double LabelSmoothing { get; init; }
    public double TeacherForcing { get; init; } = 1;
    public int Seed { get; init; } = 1;
}
