using System.Globalization;

namespace Recurrent.Data;

/// <summary>Class names for labels read from a file, in an order that does not depend on the order of the
/// lines.</summary>
internal static class ClassNaming
{
    /// <summary>
    /// The distinct labels sorted: numerically when every label is a number ("2" before "10"), else ordinally.
    /// </summary>
    public static string[] Sorted(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToArray();
        bool numeric = distinct.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return numeric
            ? distinct.OrderBy(l => double.Parse(l, CultureInfo.InvariantCulture)).ThenBy(l => l,
                StringComparer.Ordinal).ToArray()
            : distinct.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Label → class id for <paramref name="names"/>.</summary>
    public static Dictionary<string, int> Index(IReadOnlyList<string> names)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
            if (!index.TryAdd(names[i], i)) throw new ArgumentException($"class name '{names[i]}' is listed twice");
        return index;
    }

    /// <summary>The class id of a label of a file, or an error at its place when fixed class names lack it.</summary>
    public static int IdOf(Dictionary<string, int> index, string label, string source, int line, int column) =>
        index.TryGetValue(label, out int id) ? id
            : throw DataFileError.At(source, line, column,
                $"expected one of the {index.Count} class names [{string.Join(", ", index.Keys.Take(10))}"
                + $"{(index.Count > 10 ? ", ..." : "")}], got {DataFileError.Quote(label)}");
}
