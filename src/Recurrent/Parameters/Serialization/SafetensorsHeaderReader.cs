using System.Buffers.Binary;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Recurrent.Parameters.Serialization;

/// <summary>
/// Parses and validates a whole safetensors buffer: 8-byte little-endian header length N, N bytes of JSON
/// { name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": { string: string } }, then the data.
/// Every rule of the reference implementation is checked, and each failure names the file, the tensor and
/// what was expected, because a bad checkpoint is usually found far from where it was written.
/// </summary>
internal static class SafetensorsHeaderReader
{
    /// <summary>Largest header accepted, as in the reference implementation; a larger length means a corrupt
    /// file.</summary>
    internal const long MaxHeaderLength = 100_000_000;

    internal const string MetadataKey = "__metadata__";

    public static SafetensorsFile Parse(ReadOnlyMemory<byte> file, string source)
    {
        if (file.Length < 8)
            throw Bad(source, $"the file is {file.Length} bytes, too short for the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file.Span);
        if (headerLength > MaxHeaderLength)
            throw Bad(source,
                $"header length {headerLength} exceeds the limit of {MaxHeaderLength} bytes (corrupt or not a " +
                $"safetensors file)");
        if ((long)headerLength > file.Length - 8)
            throw Bad(source,
                $"header length {headerLength} runs past the end of the file ({file.Length} bytes; truncated?)");
        var headerBytes = file.Span.Slice(8, (int)headerLength);
        if (headerBytes.Length == 0 || headerBytes[0] != (byte)'{')
            throw Bad(source, "the header does not start with '{' (not a safetensors file?)");
        // JsonDocument checks UTF-8 only when a string is read, and then throws InvalidOperationException; check the
        // whole header first so a corrupt byte anywhere is an InvalidDataException naming its offset.
        int invalid = Utf8.IsValid(headerBytes) ? -1 : FirstInvalidUtf8(headerBytes);
        if (invalid >= 0)
            throw Bad(source, $"the header is not valid UTF-8 (byte {8 + invalid} of the file)");
        var data = file[(8 + (int)headerLength)..];

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.Slice(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"checkpoint '{source}': the header is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Bad(source, $"the header must be a JSON object, got {document.RootElement.ValueKind}");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<(string Name, SafetensorsDType DType, int[] Shape, long Begin, long End)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw Bad(source, $"the header names '{property.Name}' twice");
                if (property.Name == MetadataKey)
                    ReadMetadata(property.Value, metadata, source);
                else
                    entries.Add(ReadEntry(property.Name, property.Value, data.Length, source));
            }

            CheckLayout(entries.Select(e => (e.Name, e.Begin, e.End)).ToList(), data.Length, source);
            var tensors = entries
                .Select(e => new SafetensorsTensor(e.Name, e.DType, e.Shape, data[(int)e.Begin..(int)e.End]))
                .ToList();
            return new SafetensorsFile(tensors, metadata);
        }
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Bad(source, $"'{MetadataKey}' must be an object of strings, got {element.ValueKind}");
        foreach (var entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw Bad(source,
                    $"'{MetadataKey}' entry '{entry.Name}' must be a string, got {entry.Value.ValueKind}");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw Bad(source, $"'{MetadataKey}' names '{entry.Name}' twice");
        }
    }

    private static (string, SafetensorsDType, int[], long, long) ReadEntry(string name, JsonElement element,
        long dataLength, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Bad(source,
                $"tensor '{name}': expected an object with dtype, shape and data_offsets, got {element.ValueKind}");

        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Bad(source, $"tensor '{name}': missing string field 'dtype'");
        string dtypeName = dtypeElement.GetString()!;
        if (!SafetensorsDTypes.TryParse(dtypeName, out var dtype))
            throw Bad(source,
                $"tensor '{name}': unknown or unsupported dtype '{dtypeName}'; expected one of " +
                $"{SafetensorsDTypes.Supported}");

        var shapeValues = ReadIntegers(name, element, "shape", source);
        var shape = new int[shapeValues.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            if (shapeValues[i] > Array.MaxLength)
                throw Bad(source, $"tensor '{name}': dimension {shapeValues[i]} of shape is too large");
            shape[i] = (int)shapeValues[i];
        }
        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
            if (count > Array.MaxLength)
                throw Bad(source, $"tensor '{name}': shape {ShapeText.Format(shape)} is too large");
        }

        var offsets = ReadIntegers(name, element, "data_offsets", source);
        if (offsets.Length != 2)
            throw Bad(source, $"tensor '{name}': data_offsets must be [begin, end], got {offsets.Length} numbers");
        long begin = offsets[0], end = offsets[1];
        if (end < begin)
            throw Bad(source, $"tensor '{name}': data_offsets [{begin}, {end}] end before they begin");
        if (end > dataLength)
            throw Bad(source,
                $"tensor '{name}': data_offsets [{begin}, {end}] run past the end of the data ({dataLength} bytes " +
                $"after the header; truncated?)");
        long bytes = count * dtype.Size();
        if (end - begin != bytes)
            throw Bad(source,
                $"tensor '{name}' declares shape {ShapeText.Format(shape)} of {dtype} = {bytes} bytes but " +
                $"data_offsets span {end - begin}");
        return (name, dtype, shape, begin, end);
    }

    private static long[] ReadIntegers(string name, JsonElement element, string field, string source)
    {
        if (!element.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Bad(source, $"tensor '{name}': missing array field '{field}'");
        var result = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0)
                throw Bad(source,
                    $"tensor '{name}': '{field}' must hold non-negative integers, got {item.GetRawText()}");
            result[i++] = value;
        }
        return result;
    }

    /// <summary>The tensors must tile the data exactly: sorted by begin, each starting where the previous ended, the
    /// last ending at the end.</summary>
    private static void CheckLayout(List<(string Name, long Begin, long End)> spans, long dataLength, string source)
    {
        // Ties on begin: the empty tensor first, so two empty tensors at one offset are legal but a real overlap is
        // not.
        spans.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long position = 0;
        string previous = "";
        foreach (var (name, begin, end) in spans)
        {
            if (begin < position)
                throw Bad(source,
                    $"tensor '{name}': data_offsets [{begin}, {end}] overlap tensor '{previous}', which ends at " +
                    $"{position}");
            if (begin > position)
                throw Bad(source,
                    $"tensor '{name}': data_offsets begin at {begin}, leaving a gap after byte {position}" +
                                  (previous.Length > 0 ? $" (end of '{previous}')" : ""));
            position = end;
            previous = name;
        }
        if (position != dataLength)
            throw Bad(source,
                $"the tensors cover {position} bytes of data but the file holds {dataLength} after the header");
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        for (int offset = 0; offset < bytes.Length;)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out int used) != OperationStatus.Done) return offset;
            offset += used;
        }
        return -1;
    }

    private static InvalidDataException Bad(string source, string message) => new($"checkpoint '{source}': {message}");
}
