namespace Recurrent.Seq2Seq;

/// <summary>
/// One time-major batch of source and target token ids for teacher-forced training: source token s of row b at
/// s·B + b; the decoder reads &lt;s&gt; y_1 … y_n and is taught y_1 … y_n &lt;/s&gt;, so each row has n + 1 decoder
/// steps. Padding is <see cref="TokenVocabulary.Pad"/>.
/// </summary>
/// <param name="SourceTokens">(Ts·B) source ids.</param>
/// <param name="SourceSteps">Ts, the longest source.</param>
/// <param name="SourceLengths">(B) real source steps of each row.</param>
/// <param name="DecoderInputs">(Td·B) the decoder's inputs: &lt;s&gt; then the target.</param>
/// <param name="TargetTokens">(Td·B) what each decoder step is taught: the target then &lt;/s&gt;.</param>
/// <param name="TargetSteps">Td, the longest target plus one.</param>
/// <param name="TargetLengths">(B) real decoder steps of each row (target length + 1).</param>
public sealed record Seq2SeqBatch(int[] SourceTokens, int SourceSteps, int[] SourceLengths, int[] DecoderInputs,
    int[] TargetTokens, int TargetSteps, int[] TargetLengths)
{
    /// <summary>B.</summary>
    public int BatchSize => SourceLengths.Length;

    /// <summary>A batch of <paramref name="sources"/> and their <paramref name="targets"/> (ids without &lt;s&gt; or
    /// &lt;/s&gt;).</summary>
    public static Seq2SeqBatch Create(IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        if (sources.Count == 0 || sources.Count != targets.Count)
            throw new ArgumentException($"expected as many targets as sources (at least one), got {sources.Count} " +
                $"sources and {targets.Count} targets");
        int batch = sources.Count;
        int ts = Math.Max(1, sources.Max(s => s.Length)), td = targets.Max(t => t.Length) + 1;
        var source = new int[ts * batch];
        var inputs = new int[td * batch];
        var outputs = new int[td * batch];
        var sourceLengths = new int[batch];
        var targetLengths = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            var s = sources[b];
            var t = targets[b];
            sourceLengths[b] = s.Length;
            targetLengths[b] = t.Length + 1;
            for (int i = 0; i < s.Length; i++) source[i * batch + b] = s[i];
            inputs[b] = TokenVocabulary.Start;
            for (int i = 0; i < t.Length; i++)
            {
                inputs[(i + 1) * batch + b] = t[i];
                outputs[i * batch + b] = t[i];
            }
            outputs[t.Length * batch + b] = TokenVocabulary.End;
        }
        return new Seq2SeqBatch(source, ts, sourceLengths, inputs, outputs, td, targetLengths);
    }

    /// <summary>(Td·B) 1 at real decoder steps, 0 at padding: the loss's row mask.</summary>
    public Tensor<T> TargetMask<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = BatchSize;
        var mask = new Tensor<T>(TargetSteps * batch);
        var span = mask.Span;
        for (int t = 0; t < TargetSteps; t++)
            for (int b = 0; b < batch; b++)
                if (t < TargetLengths[b]) span[t * batch + b] = T.One;
        return mask;
    }
}
