using System.Globalization;
using System.Text.Json;
using Recurrent.Onnx;
using Recurrent.Seq2Seq;

namespace Recurrent.Tests.Onnx;

/// <summary>
/// Greedy decoding in ONNX Runtime alone, as a consumer of the two exported files would write it (docs/onnx.md): the
/// vocabularies, token units and special ids come from the files' metadata; the sources are padded into one batch,
/// encoded once, and the decoder step graph runs until every row has emitted &lt;/s&gt; or 2·length + 10 tokens
/// (<see cref="Seq2SeqModel.Decode"/>'s default limit).
/// </summary>
internal static class OnnxSeq2SeqGreedy
{
    public static string[] Decode(Seq2SeqModel model, IReadOnlyList<string> sources) =>
        Decode(OnnxExport.Seq2SeqEncoderToBytes(model), OnnxExport.Seq2SeqDecoderToBytes(model), sources);

    public static string[] Decode(byte[] encoderModel, byte[] decoderModel, IReadOnlyList<string> sources)
    {
        using var encoder = new OnnxRun(encoderModel);
        using var decoder = new OnnxRun(decoderModel);
        var meta = decoder.Metadata;
        var sourceIds = JsonSerializer.Deserialize<string[]>(meta["source_vocab"])!
            .Select((token, id) => (token, id)).ToDictionary(p => p.token, p => p.id);
        var targetTokens = JsonSerializer.Deserialize<string[]>(meta["target_vocab"])!;
        int Id(string key) => int.Parse(meta[key], CultureInfo.InvariantCulture);
        int pad = Id("pad_id"), bos = Id("bos_id"), eos = Id("eos_id"), unk = Id("unk_id");
        bool sourceWords = meta["source_unit"] == "words", targetWords = meta["target_unit"] == "words";

        int[][] ids = [.. sources.Select(s => Split(s, sourceWords)
            .Select(t => sourceIds.TryGetValue(t, out int id) ? id : unk).ToArray())];
        int b = ids.Length, ts = ids.Max(s => s.Length);
        int[] lengths = [.. ids.Select(s => s.Length)];
        var source = Enumerable.Repeat((long)pad, ts * b).ToArray();
        for (int i = 0; i < b; i++)
            for (int t = 0; t < lengths[i]; t++) source[t * b + i] = ids[i][t];
        var encoded = encoder.Int64s("source", source, ts, b).Int32s("source_lengths", lengths, b).Run();
        var (h, stateDims) = encoded["h0"];
        float[]? c = encoded.TryGetValue("c0", out var cell) ? cell.Values : null;
        bool attends = decoder.InputNames.Contains("memory");

        var outputs = new List<int>[b];
        var done = new bool[b];
        var previous = new long[b];
        for (int i = 0; i < b; i++) (outputs[i], previous[i]) = ([], bos);
        for (int step = 0; done.Contains(false); step++)
        {
            for (int i = 0; i < b; i++) done[i] |= step >= 2 * lengths[i] + 10;
            decoder.Int64s("previous", previous, b).Floats("h0", h, stateDims);
            if (c is not null) decoder.Floats("c0", c, stateDims);
            if (attends)
                decoder.Floats("memory", encoded["memory"].Values, encoded["memory"].Dims)
                    .Int32s("source_lengths", lengths, b);
            var results = decoder.Run();
            (h, c) = (results["hn"].Values, c is null ? null : results["cn"].Values);
            var logits = results["logits"];
            int v = logits.Dims[1];
            for (int i = 0; i < b; i++)
            {
                if (done[i]) continue;
                var row = logits.Values.AsSpan(i * v, v);
                int best = 0;
                for (int j = 1; j < v; j++) if (row[j] > row[best]) best = j; // first of equal maxima, as ours
                if (best == eos) done[i] = true;
                else outputs[i].Add(best);
                previous[i] = best;
            }
        }
        // The four special ids are not text, as TokenVocabulary.Decode skips them.
        int[] special = [pad, bos, eos, unk];
        return [.. outputs.Select(o => string.Join(targetWords ? " " : "",
            o.Where(id => !special.Contains(id)).Select(id => targetTokens[id])))];
    }

    private static IEnumerable<string> Split(string text, bool words) => words
        ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        : text.EnumerateRunes().Select(r => r.ToString());
}
