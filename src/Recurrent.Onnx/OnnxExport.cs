using Recurrent.Models;
using Recurrent.Parameters.Serialization;
using Recurrent.Seq2Seq;
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
/// OnnxExport.SaveSeq2Seq(Seq2SeqModel.Load("best.safetensors"), "g2p");   // g2p.encoder.onnx, g2p.decoder.onnx
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

    /// <summary>The file names <see cref="SaveSeq2Seq(Seq2SeqModel, string)"/> writes for
    /// <paramref name="prefix"/>: "{prefix}.encoder.onnx" and "{prefix}.decoder.onnx" (a trailing ".onnx" of the
    /// prefix is dropped first, so "g2p.onnx" gives "g2p.encoder.onnx").</summary>
    public static (string Encoder, string Decoder) Seq2SeqPaths(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (prefix.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) prefix = prefix[..^".onnx".Length];
        return (prefix + ".encoder.onnx", prefix + ".decoder.onnx");
    }

    /// <summary>
    /// The encoder graph of a sequence-to-sequence model (docs/onnx.md#sequence-to-sequence): source int64
    /// (source_steps, batch) and source_lengths int32 (batch) → memory (source_steps, batch, D·H_e) and the decoder's
    /// initial h0 (c0) (L, batch, H_d).
    /// </summary>
    public static byte[] Seq2SeqEncoderToBytes(Seq2SeqModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return OnnxSeq2SeqGraphs.Encoder(model).ToByteArray();
    }

    /// <summary>
    /// The decoder step graph of a sequence-to-sequence model (docs/onnx.md#sequence-to-sequence): previous int64
    /// (batch), h0 (c0) (L, batch, H_d) and, with attention, memory and source_lengths → logits (batch, V_tgt), hn
    /// (cn) and, with attention, attention (batch, source_steps).
    /// </summary>
    public static byte[] Seq2SeqDecoderToBytes(Seq2SeqModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return OnnxSeq2SeqGraphs.DecoderStep(model).ToByteArray();
    }

    /// <summary>Writes a sequence-to-sequence model's two graphs to <see cref="Seq2SeqPaths"/> of
    /// <paramref name="prefix"/> (as <see cref="SaveSeq2Seq(Seq2SeqModel, string, string)"/>) and returns
    /// them.</summary>
    public static (string Encoder, string Decoder) SaveSeq2Seq(Seq2SeqModel model, string prefix)
    {
        var paths = Seq2SeqPaths(prefix);
        SaveSeq2Seq(model, paths.Encoder, paths.Decoder);
        return paths;
    }

    /// <summary>
    /// Writes a sequence-to-sequence model's encoder and decoder step graphs, each atomically and as a pair: both are
    /// built before either is written, and when the decoder cannot be written the encoder file is put back as it
    /// was (removed, if there was none), so a failure leaves either both new files or neither.
    /// </summary>
    public static void SaveSeq2Seq(Seq2SeqModel model, string encoderPath, string decoderPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoderPath);
        ArgumentException.ThrowIfNullOrEmpty(decoderPath);
        if (Path.GetFullPath(encoderPath) == Path.GetFullPath(decoderPath))
            throw new ArgumentException($"the encoder and the decoder would both be written to '{encoderPath}'");
        byte[] encoder = Seq2SeqEncoderToBytes(model), decoder = Seq2SeqDecoderToBytes(model);
        byte[]? before = File.Exists(encoderPath) ? File.ReadAllBytes(encoderPath) : null;
        AtomicFile.WriteAllBytes(encoderPath, encoder);
        try { AtomicFile.WriteAllBytes(decoderPath, decoder); }
        catch
        {
            if (before is null) File.Delete(encoderPath);
            else AtomicFile.WriteAllBytes(encoderPath, before);
            throw;
        }
    }
}
