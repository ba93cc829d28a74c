using System.Buffers.Binary;
using System.Text.Json;

namespace Recurrent.Parameters.Serialization;

/// <summary>
/// The contents of a safetensors file (https://github.com/huggingface/safetensors): named tensors in order and an
/// optional string → string <c>__metadata__</c> map. <see cref="Read(string)"/> validates every header rule and throws
/// <see cref="InvalidDataException"/> naming the file and tensor; <see cref="Write"/> lays tensors out contiguously
/// in order after a JSON header padded with spaces to a multiple of 8 bytes, as the reference writer does,
/// and replaces the target atomically.
/// </summary>
public sealed class SafetensorsFile
{
    private readonly List<SafetensorsTensor> _tensors;
    private readonly Dictionary<string, SafetensorsTensor> _byName = new(StringComparer.Ordinal);

    /// <summary>Collects tensors (names unique, non-empty, not "__metadata__") and optional metadata.</summary>
    public SafetensorsFile(IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = tensors.ToList();
        foreach (var tensor in _tensors)
        {
            if (tensor.Name == SafetensorsHeaderReader.MetadataKey)
                throw new ArgumentException($"'{SafetensorsHeaderReader.MetadataKey}' is reserved for metadata and " +
                    $"cannot name a tensor");
            if (!_byName.TryAdd(tensor.Name, tensor))
                throw new ArgumentException($"tensor name '{tensor.Name}' is used twice");
        }
        Metadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    /// <summary>The tensors in file order (for files we read, the order of the header).</summary>
    public IReadOnlyList<SafetensorsTensor> Tensors => _tensors;

    /// <summary>The <c>__metadata__</c> map; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    public SafetensorsTensor this[string name] =>
        _byName.TryGetValue(name, out var t) ? t
        : throw new KeyNotFoundException($"no tensor named '{name}' (the file holds {_tensors.Count}: " +
            $"{Preview(_tensors.Select(x => x.Name))})");

    /// <summary>True when a tensor called <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Looks up a tensor without throwing.</summary>
    public bool TryGet(string name, out SafetensorsTensor tensor) => _byName.TryGetValue(name, out tensor!);

    /// <summary>Reads and validates a file; the tensors share one buffer holding the whole file.</summary>
    public static SafetensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // File.ReadAllBytes throws a bare IOException past 2 GB; say what the file is instead.
        long length = new FileInfo(path).Length;
        if (length > Array.MaxLength)
            throw new InvalidDataException(
                $"checkpoint '{path}': the file is {length:N0} bytes, more than one array holds " +
                    $"({Array.MaxLength:N0})");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses and validates the bytes of a file; <paramref name="source"/> names it in error
    /// messages.</summary>
    public static SafetensorsFile Parse(ReadOnlyMemory<byte> bytes, string source = "<memory>") =>
        SafetensorsHeaderReader.Parse(bytes, source);

    /// <summary>The file's bytes: header length, header JSON padded with spaces to a multiple of 8, data.</summary>
    public byte[] ToBytes()
    {
        using var json = new MemoryStream();
        long offset = 0;
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (Metadata.Count > 0)
            {
                writer.WriteStartObject(SafetensorsHeaderReader.MetadataKey);
                foreach (var (key, value) in Metadata) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            foreach (var tensor in _tensors)
            {
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", tensor.DType.HeaderName());
                writer.WriteStartArray("shape");
                foreach (int d in tensor.Shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + tensor.Data.Length);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += tensor.Data.Length;
            }
            writer.WriteEndObject();
        }

        // Padding keeps the data 8-byte aligned from the start of the file, so readers may map F64 data in place.
        int headerLength = (int)((json.Length + 7) / 8 * 8);
        long total = 8 + headerLength + offset;
        if (total > Array.MaxLength)
            throw new InvalidOperationException($"the file would be {total} bytes, more than one array can hold");
        var bytes = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)headerLength);
        json.GetBuffer().AsSpan(0, (int)json.Length).CopyTo(bytes.AsSpan(8));
        bytes.AsSpan(8 + (int)json.Length, headerLength - (int)json.Length).Fill((byte)' ');
        int position = 8 + headerLength;
        foreach (var tensor in _tensors)
        {
            tensor.Data.Span.CopyTo(bytes.AsSpan(position));
            position += tensor.Data.Length;
        }
        return bytes;
    }

    /// <summary>
    /// Writes the file atomically: to a temporary file in the same directory, flushed to disk, then renamed over
    /// <paramref name="path"/>, so a crash mid-write leaves the previous checkpoint intact rather than half a new one.
    /// </summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, ToBytes());
    }

    internal static string Preview(IEnumerable<string> names, int count = 5)
    {
        var list = names.ToList();
        var shown = string.Join(", ", list.Take(count).Select(n => $"'{n}'"));
        return list.Count > count ? $"{shown}, … ({list.Count - count} more)" : list.Count == 0 ? "none" : shown;
    }
}
