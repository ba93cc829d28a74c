using Recurrent.Layers.Recurrent;
using Recurrent.Parameters.Serialization;
using Recurrent.Seq2Seq;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Seq2Seq;

/// <summary>
/// The encoder–decoder replays PyTorch's reference run (tools/reference/seq2seq_fixture.py: a bi-LSTM encoder, the
/// bridge's projections, an LSTM decoder and Bahdanau attention on a masked batch): weights loaded by name, then the
/// logits and every parameter gradient of C = Σ z ⊙ R compared. Agreement per tensor: max_i |a_i − b_i| / max(|b_i|,
/// max_j |b_j|). float32 must reach 1e-5 (the issue's bound), float64 1e-10.
/// </summary>
public class Seq2SeqTorchAgreementTests
{
    private static readonly Seq2SeqOptions Options = new(7, 8, AttentionKind.Bahdanau, CellKind.Lstm,
        EmbeddingSize: 3, EncoderHiddenSize: 3, DecoderHiddenSize: 5, Bidirectional: true, AttentionSize: 4);

    [Theory]
    [InlineData(false, 1e-10)]
    [InlineData(true, 1e-5)]
    public void ForwardAndGradients_MatchPyTorch(bool float32, double tolerance)
    {
        var fixture = TorchFixture.Load("seq2seq", "bahdanau_lstm.safetensors");
        var results = float32 ? Replay<float>(fixture) : Replay<double>(fixture);
        foreach (var (name, actual) in results)
        {
            var expected = fixture[name].Values;
            Assert.Equal(expected.Length, actual.Length);
            double scale = expected.Max(Math.Abs), worst = 0;
            for (int i = 0; i < expected.Length; i++)
                worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), scale));
            Assert.True(worst <= tolerance, $"{name}: relative error {worst:E2} > {tolerance:E0}");
        }
    }

    private static Dictionary<string, double[]> Replay<T>(TorchFixture fixture)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var network = new Seq2SeqNetwork<T>(Options, initialization: null);
        network.Parameters.Load(SafetensorsFile.Read(fixture.Source), new SafetensorsLoadOptions { Strict = false },
            fixture.Source);
        int[] Ints(string name) => [.. fixture[name].Values.Select(v => (int)v)];
        int[] sourceLengths = Ints("source_lengths"), targetLengths = Ints("target_lengths");
        int[] source = Ints("source"), inputs = Ints("decoder_inputs");
        int batch = sourceLengths.Length;
        var batchData = new Seq2SeqBatch(source, source.Length / batch, sourceLengths, inputs, new int[inputs.Length],
            inputs.Length / batch, targetLengths);
        var logits = network.Forward(batchData);
        var results = new Dictionary<string, double[]> { ["logits"] = Doubles(logits) };
        network.Parameters.ZeroGradients();
        network.Backward(fixture.TensorOf<T>("R").Reshape(logits.Shape));
        foreach (var p in network.Parameters.Parameters) results["grad." + p.Name] = Doubles(p.Gradient);
        return results;
    }

    private static double[] Doubles<T>(Tensor<T> tensor) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => [.. tensor.Span.ToArray().Select(double.CreateChecked)];
}
