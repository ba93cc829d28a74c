using System.Numerics;
using Recurrent.Parameters.Serialization;
using Recurrent.Tensors;

namespace Recurrent.Tests.Support;

/// <summary>
/// A reference fixture written by a script in tools/reference/ as safetensors: every tensor by name, widened to
/// double whatever its dtype (integer tensors such as "lengths" included), plus the file's metadata.
/// </summary>
internal sealed class TorchFixture
{
    private readonly Dictionary<string, TorchTensor> _tensors;

    private TorchFixture(string source, Dictionary<string, TorchTensor> tensors, IReadOnlyDictionary<string,
        string> metadata)
    {
        Source = source;
        _tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The file, for messages.</summary>
    public string Source { get; }

    /// <summary>The <c>__metadata__</c> map: model, sizes, layout, loss formula, PyTorch version.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every tensor name.</summary>
    public IReadOnlyCollection<string> Names => _tensors.Keys;

    /// <summary>The tensor called <paramref name="name"/>; the failure lists what the fixture holds.</summary>
    public TorchTensor this[string name] =>
        _tensors.TryGetValue(name, out var t) ? t
        : throw new KeyNotFoundException($"fixture '{Source}' has no tensor '{name}'; it holds " +
            $"{string.Join(", ", _tensors.Keys)}");

    /// <summary>True when the fixture holds <paramref name="name"/>.</summary>
    public bool Contains(string name) => _tensors.ContainsKey(name);

    /// <summary>The tensor called <paramref name="name"/> as a Tensor of T.</summary>
    public Tensor<T> TensorOf<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> => this[name].ToTensor<T>();

    /// <summary>Loads a fixture by its path under the test output's Fixtures folder, e.g. Load("rnn",
    /// "lstm.safetensors").</summary>
    public static TorchFixture Load(params string[] pathUnderFixtures)
    {
        var path = Path.Combine([AppContext.BaseDirectory, "Fixtures", .. pathUnderFixtures]);
        var file = SafetensorsFile.Read(path);
        var tensors = file.Tensors.ToDictionary(t => t.Name, t =>
            new TorchTensor(t.Shape, t.ToArray<double>()), StringComparer.Ordinal);
        return new TorchFixture(path, tensors, file.Metadata);
    }
}
