using System.CommandLine;
using System.Globalization;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Onnx;
using Recurrent.Parameters.Serialization;
using Recurrent.Seq2Seq;
using Recurrent.Sequences;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent export</c>: writes a trained model (a character language model, a classifier, a forecaster or any
/// sequence model file) as an ONNX file that ONNX Runtime runs without Recurrent (<see cref="OnnxExport"/>,
/// docs/onnx.md); a sequence-to-sequence model as two files, PREFIX.encoder.onnx and PREFIX.decoder.onnx. Files are
/// written atomically: a failure leaves no partial file and any file already there as it was.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "A model file (recurrent-charlm/1, recurrent-sequence/1 or recurrent-seq2seq/1), or a " +
                "training folder (its best.safetensors)",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "The ONNX file to write; for a seq2seq model the prefix of PREFIX.encoder.onnx and " +
                "PREFIX.decoder.onnx",
            Required = true,
        };
        var graph = new Option<string>("--graph")
        {
            Description = "sequence: whole sequences (steps × batch); step: one time step, states in and out, for " +
                "generation",
            DefaultValueFactory = _ => "sequence",
        };
        graph.AcceptOnlyFromAmong("sequence", "step");
        var command = new Command("export", "Write a trained model as an ONNX file (LSTM/GRU/RNN operators)")
        {
            checkpoint, output, graph,
        };
        command.SetAction(parse => Run(parse.GetValue(checkpoint)!, parse.GetValue(output)!,
            parse.GetValue(graph) == "step" ? OnnxGraphKind.Step : OnnxGraphKind.Sequence, context,
            graphGiven: parse.GetResult(graph) is { Implicit: false }));
        return command;
    }

    /// <summary>Loads, exports and reports what the file holds; returns the exit code.</summary>
    public static int Run(string checkpoint, string output, OnnxGraphKind graph, CliContext context,
        bool graphGiven = false)
    {
        string path = CheckpointPath.Resolve(checkpoint);
        // The format decides the exporter; a file that is no safetensors at all fails here with its own message.
        var format = SafetensorsFile.Read(path).Metadata.GetValueOrDefault("format");
        if (format == Seq2SeqModel.Format)
        {
            if (graphGiven)
                throw new ArgumentException("--graph does not apply to a seq2seq model: it is always exported as " +
                    "an encoder graph and a decoder step graph");
            return RunSeq2Seq(Seq2SeqModel.Load(path), output, context);
        }
        if (format is not null and not (SequenceModelFile.Format or CharLanguageModelCheckpoint.Format))
            throw new InvalidDataException($"model file '{path}' is format '{format}'; export reads " +
                $"{CharLanguageModelCheckpoint.Format}, {SequenceModelFile.Format} and {Seq2SeqModel.Format}");
        if (Directory.Exists(output)) throw new ArgumentException($"--out '{output}' is a directory; name a file");
        var model = SequenceModel.Load(path);
        try { OnnxExport.Save(model, output, graph); }
        catch (NotSupportedException e) { throw new ArgumentException($"--graph step: {e.Message}", e); }
        var o = model.Options;
        string inputs = (o.Input, graph) switch
        {
            (InputKind.Tokens, OnnxGraphKind.Step) => "token (batch)",
            (InputKind.Tokens, _) => "tokens (steps, batch)",
            (_, OnnxGraphKind.Step) => "features (batch, F)",
            _ => "features (steps, batch, F)",
        };
        if (graph == OnnxGraphKind.Sequence && o.Head == HeadKind.PerSequence) inputs += ", lengths (batch)";
        inputs += o.Cell == CellKind.Lstm ? ", h0, c0" : ", h0";
        string outputs = "outputs" + (model.ClassNames is null ? "" : ", probabilities") +
            (o.Cell == CellKind.Lstm ? ", hn, cn" : ", hn");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {output} ({new FileInfo(output).Length / 1024.0:N1} KiB, opset {OnnxExport.Opset}): " +
            $"{(graph == OnnxGraphKind.Step ? "step" : "sequence")} graph of {o.NumLayers} " +
            $"{(o.Bidirectional ? "bidirectional " : "")}{CellKinds.Name(o.Cell).ToUpperInvariant()} layer(s) of " +
            $"{o.HiddenSize}; inputs {inputs}; outputs {outputs}"));
        return Program.Success;
    }

    private static int RunSeq2Seq(Seq2SeqModel model, string prefix, CliContext context)
    {
        var (encoder, decoder) = OnnxExport.Seq2SeqPaths(prefix);
        foreach (var file in new[] { encoder, decoder })
            if (Directory.Exists(file)) throw new ArgumentException($"'{file}' is a directory");
        OnnxExport.SaveSeq2Seq(model, encoder, decoder);
        var o = model.Options;
        bool lstm = o.Cell == CellKind.Lstm, attends = o.Attention != AttentionKind.None;
        string cell = CellKinds.Name(o.Cell).ToUpperInvariant(), states = lstm ? "h0, c0" : "h0";
        string attention = o.Attention switch
        {
            AttentionKind.None => "no attention",
            AttentionKind.Bahdanau => "bahdanau attention",
            AttentionKind.LuongDot => "luong-dot attention",
            _ => "luong attention",
        };
        static string KiB(string file) =>
            string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(file).Length / 1024.0:N1} KiB");
        context.Out.WriteLine($"wrote {encoder} ({KiB(encoder)}) and {decoder} ({KiB(decoder)}), opset " +
            $"{OnnxExport.Opset}: seq2seq of {o.NumLayers} {(o.Bidirectional ? "bidirectional " : "")}{cell} " +
            $"encoder layer(s) of {o.EncoderHiddenSize} and {o.NumLayers} {cell} decoder layer(s) of " +
            $"{o.DecoderHiddenSize}, {attention}");
        context.Out.WriteLine($"encoder: source (source_steps, batch), source_lengths (batch) -> memory, {states}");
        context.Out.WriteLine($"decoder step: previous (batch), {states}" +
            (attends ? ", memory, source_lengths" : "") + $" -> logits, {(lstm ? "hn, cn" : "hn")}" +
            (attends ? ", attention" : ""));
        return Program.Success;
    }
}
