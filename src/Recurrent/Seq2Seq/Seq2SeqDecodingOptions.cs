namespace Recurrent.Seq2Seq;

/// <summary>How <see cref="Seq2SeqModel.Decode"/> searches.</summary>
/// <param name="BeamWidth">k: 1 (default) is greedy; more keeps k hypotheses per source.</param>
/// <param name="MaxLength">The most output tokens; null (default) allows 2·(the source's tokens) + 10.</param>
/// <param name="LengthPenalty">α of the length normalisation S / n^α of finished beams; default 1 (mean
/// log-probability), 0 ranks by S alone.</param>
/// <param name="BatchSize">Sources decoded together; default 128.</param>
public sealed record Seq2SeqDecodingOptions(int BeamWidth = 1, int? MaxLength = null, double LengthPenalty = 1,
    int BatchSize = 128)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (BeamWidth < 1) throw new ArgumentException($"beam width must be ≥ 1, got {BeamWidth}");
        if (MaxLength is < 1) throw new ArgumentException($"maximum length must be ≥ 1, got {MaxLength}");
        if (!(LengthPenalty >= 0)) throw new ArgumentException($"length penalty must be ≥ 0, got {LengthPenalty}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be ≥ 1, got {BatchSize}");
    }
}
