using System.CommandLine;
using System.Globalization;
using Recurrent.Layers.Recurrent;
using Recurrent.Onnx;
using Recurrent.Sequences;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent export</c>: writes a trained model (a character language model, a classifier or any sequence model
/// file) as an ONNX file that ONNX Runtime runs without Recurrent (<see cref="OnnxExport"/>, docs/onnx.md). The file
/// is written atomically: a failure leaves no partial file and any file already there as it was.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "A model file (recurrent-charlm/1 or recurrent-sequence/1), or a training folder (its " +
                "best.safetensors)",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "The ONNX file to write", Required = true };
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
            parse.GetValue(graph) == "step" ? OnnxGraphKind.Step : OnnxGraphKind.Sequence, context));
        return command;
    }

    /// <summary>Loads, exports and reports what the file holds; returns the exit code.</summary>
    public static int Run(string checkpoint, string output, OnnxGraphKind graph, CliContext context)
    {
        string path = CheckpointPath.Resolve(checkpoint);
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
}
