using Microsoft.ML.OnnxRuntime;
using Ort = Microsoft.ML.OnnxRuntime.Tensors;

namespace Recurrent.Tests.Onnx;

/// <summary>Runs an ONNX model in ONNX Runtime (CPU, one thread so the suite stays light) and compares its outputs
/// with ours.</summary>
internal sealed class OnnxRun : IDisposable
{
    private readonly InferenceSession _session;
    private readonly List<NamedOnnxValue> _inputs = [];

    public OnnxRun(byte[] model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(model, options);
    }

    /// <summary>The model's metadata props.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <summary>The names of the graph's inputs.</summary>
    public IReadOnlyCollection<string> InputNames => [.. _session.InputMetadata.Keys];

    public OnnxRun Floats(string name, float[] values, params int[] dims)
    {
        _inputs.Add(NamedOnnxValue.CreateFromTensor(name, new Ort.DenseTensor<float>(values, dims)));
        return this;
    }

    public OnnxRun Int64s(string name, long[] values, params int[] dims)
    {
        _inputs.Add(NamedOnnxValue.CreateFromTensor(name, new Ort.DenseTensor<long>(values, dims)));
        return this;
    }

    public OnnxRun Int32s(string name, int[] values, params int[] dims)
    {
        _inputs.Add(NamedOnnxValue.CreateFromTensor(name, new Ort.DenseTensor<int>(values, dims)));
        return this;
    }

    /// <summary>Runs with the inputs given so far (then forgets them); each output as (values, dims).</summary>
    public Dictionary<string, (float[] Values, int[] Dims)> Run()
    {
        using var results = _session.Run(_inputs);
        _inputs.Clear();
        return results.ToDictionary(r => r.Name, r =>
        {
            var tensor = r.AsTensor<float>();
            return (tensor.ToArray(), tensor.Dimensions.ToArray());
        });
    }

    /// <summary>
    /// max |ours − theirs| ≤ tolerance · max |ours|: relative to the tensor's scale, so values near 0 are held to the
    /// same absolute error as the large ones (an element-wise relative error is meaningless at 0).
    /// </summary>
    public static void AssertClose(ReadOnlySpan<float> ours, float[] theirs, string what, double tolerance = 1e-5)
    {
        Assert.Equal(ours.Length, theirs.Length);
        double scale = 0, error = 0;
        for (int i = 0; i < ours.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(ours[i]));
            error = Math.Max(error, Math.Abs(ours[i] - theirs[i]));
        }
        Assert.True(scale > 0, $"{what}: all zero, which would prove nothing");
        Assert.True(error <= tolerance * scale,
            $"{what}: max |ours − onnx| = {error:E3} > {tolerance:E0} · max |ours| = {tolerance * scale:E3}");
    }

    public static float[] Random(Random rng, int count, double scale = 1) =>
        Enumerable.Range(0, count).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray();

    public void Dispose() => _session.Dispose();
}
