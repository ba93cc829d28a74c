using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Recurrent.Training;

/// <summary>
/// The loss history as compact JSON, one array per point: [[step, train, validation or null], …]. Losses are
/// written shortest round-trip, so they read back bit for bit; non-finite values (a diverged run) as the strings
/// "NaN", "Infinity", "-Infinity", which plain JSON numbers cannot hold.
/// </summary>
internal static class LossHistoryJson
{
    public static string Write(IEnumerable<LossPoint> points)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var point in points)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(point.Step);
                WriteDouble(writer, point.TrainLoss);
                if (point.ValidationLoss is double validation) WriteDouble(writer, validation);
                else writer.WriteNullValue();
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <exception cref="InvalidDataException">Not an array of [step, train, validation] triples.</exception>
    public static List<LossPoint> Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw Bad(source, $"expected an array, got {document.RootElement.ValueKind}");
            var points = new List<LossPoint>(document.RootElement.GetArrayLength());
            int index = 0;
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() != 3)
                    throw Bad(source,
                        $"entry {index} must be [step, train loss, validation loss or null], got " +
                        $"{Shorten(entry.GetRawText())}");
                if (!entry[0].TryGetInt64(out long step))
                    throw Bad(source, $"entry {index}: step must be an integer, got {entry[0].GetRawText()}");
                double train = ReadDouble(entry[1], source, index);
                double? validation = entry[2].ValueKind == JsonValueKind.Null ? null
                    : ReadDouble(entry[2], source, index);
                points.Add(new LossPoint(step, train, validation));
                index++;
            }
            return points;
        }
        catch (JsonException e)
        {
            throw Bad(source, e.Message, e);
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private static double ReadDouble(JsonElement element, string source, int index)
    {
        if (element.ValueKind == JsonValueKind.Number) return element.GetDouble();
        if (element.ValueKind == JsonValueKind.String
            && element.GetString() is "NaN" or "Infinity" or "-Infinity")
            return double.Parse(element.GetString()!, CultureInfo.InvariantCulture);
        throw Bad(source,
            $"entry {index}: expected a loss (a number, \"NaN\", \"Infinity\" or \"-Infinity\"), got " +
            $"{Shorten(element.GetRawText())}");
    }

    private static InvalidDataException Bad(string source, string message, Exception? inner = null) =>
        new($"{source}: loss history: {message}", inner);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
