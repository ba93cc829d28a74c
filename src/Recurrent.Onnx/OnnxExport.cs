using Recurrent.Models;
using Recurrent.Parameters.Serialization;
using Recurrent.Sequences;

namespace Recurrent.Onnx;

/// <summary>
/// Writes a Recurrent model as an ONNX file that ONNX Runtime (or any ONNX runtime with opset 17) runs without
/// Recurrent (docs/onnx.md): the recurrent stack as ONNX LSTM, GRU and RNN operators (gate orders converted,
/// peepholes in P, layout 0), initial states as inputs and final states as outputs, dynamic batch and step axes, and
/// metadata props carrying the vocabulary, class names and normalisation.
/// <code>
/// OnnxExport.Save(SequenceModel.Load("best.safetensors"), "model.onnx");                  // whole sequences
/// OnnxExport.Save(SequenceModel.Load("best.safetensors"), "step.onnx", OnnxGraphKind.Step); // one step
/// OnnxExport.SaveFile("run/best.safetensors", "model.onnx");                             // any model file
/// </code>
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the graphs use (LSTM, GRU and RNN gained layout in 14).</summary>
    public const int Opset = 17;

    /// <summary>The <c>format</c> metadata prop of every exported file.</summary>
    public const string Format = "recurrent-onnx/1";

    /// <summary>The ONNX model (the bytes of a .onnx file) of <paramref name="model"/>.</summary>
    /// <exception cref="NotSupportedException">A step graph of a bidirectional model, or of a per-sequence head that
    /// pools more than the last step.</exception>
    public static byte[] ToBytes(SequenceModel model, OnnxGraphKind graph = OnnxGraphKind.Sequence)
    {
        ArgumentNullException.ThrowIfNull(model);
        return OnnxModelGraph.Build(model, graph).ToByteArray();
    }

    /// <summary>Writes <see cref="ToBytes"/> to <paramref name="path"/> atomically: a failure leaves any file there as
    /// it was, and no partial file.</summary>
    public static void Save(SequenceModel model, string path, OnnxGraphKind graph = OnnxGraphKind.Sequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, ToBytes(model, graph));
    }

    /// <summary>Writes a character language model with its vocabulary (as <see cref="Save"/>).</summary>
    public static void SaveCharModel(CharLanguageModel<float> model, IReadOnlyList<string> vocabulary, string path,
        OnnxGraphKind graph = OnnxGraphKind.Sequence)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        Save(new SequenceModel(model.Network) { Vocabulary = vocabulary }, path, graph);
    }

    /// <summary>
    /// Reads a model file (a character language model checkpoint, "recurrent-charlm/1", or a sequence model or
    /// classifier, "recurrent-sequence/1") and writes its ONNX graph to <paramref name="path"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a model this version reads; the message says
    /// why.</exception>
    public static void SaveFile(string modelFile, string path, OnnxGraphKind graph = OnnxGraphKind.Sequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFile);
        Save(SequenceModel.Load(modelFile), path, graph);
    }
}
