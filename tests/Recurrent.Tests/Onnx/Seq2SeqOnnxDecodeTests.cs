using System.Text.Json;
using Recurrent.Layers.Recurrent;
using Recurrent.Onnx;
using Recurrent.Seq2Seq;

namespace Recurrent.Tests.Onnx;

/// <summary>
/// The whole pipeline: greedy decoding run entirely in ONNX Runtime from the two exported files and their metadata
/// (<see cref="OnnxSeq2SeqGreedy"/>) gives <see cref="Seq2SeqModel.Decode"/>'s outputs exactly, padded batches give
/// each source what it gets alone, and <see cref="OnnxExport.SaveSeq2Seq"/> writes both files or neither.
/// </summary>
public sealed class Seq2SeqOnnxDecodeTests : IDisposable
{
    // Lengths 1 to 6 in one batch, and a token no vocabulary holds ('q' → <unk>).
    private static readonly string[] Sources = ["abcdef", "f", "ccq", "edab", "bb"];
    private readonly string _directory = Directory.CreateTempSubdirectory("seq2seq-onnx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Seq2SeqOnnxTests.Variants), MemberType = typeof(Seq2SeqOnnxTests))]
    public void GreedyDecodeInOnnxRuntime_EqualsOurs(CellKind cell, AttentionKind attention)
    {
        var model = Talkative(Seq2SeqOnnxTests.Model(cell, attention, seed: 51));
        var ours = model.Decode(Sources);
        Assert.Contains(ours, o => o.Length > 1);
        Assert.Equal(ours, OnnxSeq2SeqGreedy.Decode(model, Sources));
    }

    [Theory]
    [InlineData(CellKind.Lstm, AttentionKind.Bahdanau)]
    [InlineData(CellKind.Gru, AttentionKind.LuongGeneral)]
    public void PaddedBatch_GivesEachSourceWhatItGetsAlone(CellKind cell, AttentionKind attention)
    {
        var model = Talkative(Seq2SeqOnnxTests.Model(cell, attention, seed: 52));
        byte[] encoder = OnnxExport.Seq2SeqEncoderToBytes(model), decoder = OnnxExport.Seq2SeqDecoderToBytes(model);
        var batched = OnnxSeq2SeqGreedy.Decode(encoder, decoder, Sources);
        for (int i = 0; i < Sources.Length; i++)
        {
            Assert.Equal(OnnxSeq2SeqGreedy.Decode(encoder, decoder, [Sources[i]])[0], batched[i]);
            Assert.Equal(model.Decode([Sources[i]])[0], batched[i]);
        }
        // The encoder's memory and states of a source alone equal its column of the padded batch.
        int k = model.Options.EncoderOutputSize, b = 2;
        long[] batch = [4, 9, 5, 0, 6, 0];                                  // (T = 3, B = 2): lengths 3 and 1
        using var run = new OnnxRun(encoder);
        var both = run.Int64s("source", batch, 3, b).Int32s("source_lengths", [3, 1], b).Run();
        var alone = run.Int64s("source", [9], 1, 1).Int32s("source_lengths", [1], 1).Run();
        OnnxRun.AssertClose(alone["memory"].Values, both["memory"].Values.AsSpan(k, k).ToArray(), "memory");
        int hd = model.Options.DecoderHiddenSize;
        for (int l = 0; l < Seq2SeqOnnxTests.Layers; l++)
            OnnxRun.AssertClose(alone["h0"].Values.AsSpan(l * hd, hd), both["h0"].Values.AsSpan((l * b + 1) * hd, hd)
                .ToArray(), $"h0 layer {l}");
    }

    /// <summary>
    /// A random model often says &lt;/s&gt; or a reserved id at once, and "" == "" would prove little: the output bias
    /// rules out &lt;pad&gt;, &lt;s&gt; and &lt;unk&gt; and lowers &lt;/s&gt;, so that greedy outputs are long runs
    /// of argmaxes, ending by &lt;/s&gt; or at the length limit.
    /// </summary>
    internal static Seq2SeqModel Talkative(Seq2SeqModel model)
    {
        var bias = model.Network.Parameters["decoder.out.bias"].Value.Span;
        foreach (int id in new[] { TokenVocabulary.Pad, TokenVocabulary.Start, TokenVocabulary.Unknown })
            bias[id] = -10;
        bias[TokenVocabulary.End] -= 0.5f;
        return model;
    }

    [Fact]
    public void BothFiles_CarryTheVocabulariesAndSpecialIds()
    {
        var model = Seq2SeqOnnxTests.Model(CellKind.Lstm, AttentionKind.LuongGeneral, seed: 53);
        foreach (var (bytes, graph) in new[] { (OnnxExport.Seq2SeqEncoderToBytes(model), "seq2seq-encoder"),
            (OnnxExport.Seq2SeqDecoderToBytes(model), "seq2seq-decoder-step") })
        {
            using var run = new OnnxRun(bytes);
            var meta = run.Metadata;
            Assert.Equal(OnnxExport.Format, meta["format"]);
            Assert.Equal(graph, meta["graph"]);
            Assert.Equal(["<pad>", "<s>", "</s>", "<unk>", "a", "b", "c", "d", "e", "f"],
                JsonSerializer.Deserialize<string[]>(meta["source_vocab"])!);
            var target = JsonSerializer.Deserialize<string[]>(meta["target_vocab"])!;
            Assert.Equal(["<unk>", "z"], [target[int.Parse(meta["unk_id"])], target[^1]]);
            Assert.Equal(("0", "1", "2", "3"), (meta["pad_id"], meta["bos_id"], meta["eos_id"], meta["unk_id"]));
            Assert.Equal(("chars", "chars"), (meta["source_unit"], meta["target_unit"]));
            Assert.Equal(model.Options, Seq2SeqOptions.FromJson(meta["options"]));
        }
    }

    [Fact]
    public void SaveSeq2Seq_WritesBoth_AndAFailedDecoderLeavesTheOldEncoder()
    {
        var model = Seq2SeqOnnxTests.Model(CellKind.Gru, AttentionKind.None, seed: 54);
        var (encoder, decoder) = OnnxExport.Seq2SeqPaths(Path.Combine(_directory, "g2p.onnx"));
        Assert.Equal(Path.Combine(_directory, "g2p.encoder.onnx"), encoder);
        OnnxExport.SaveSeq2Seq(model, encoder, decoder);
        Assert.Equal(OnnxExport.Seq2SeqDecoderToBytes(model), File.ReadAllBytes(decoder));

        File.WriteAllText(encoder, "old");
        string unwritable = Path.Combine(_directory, "missing", "g2p.decoder.onnx");
        Assert.ThrowsAny<IOException>(() => OnnxExport.SaveSeq2Seq(model, encoder, unwritable));
        Assert.Equal("old", File.ReadAllText(encoder));
        File.Delete(encoder);
        Assert.ThrowsAny<IOException>(() => OnnxExport.SaveSeq2Seq(model, encoder, unwritable));
        Assert.False(File.Exists(encoder));
        Assert.Equal([decoder], Directory.GetFiles(_directory));        // no temporary left behind
    }
}
