using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Recurrent.Lab.Plotting;

/// <summary>The SVG building blocks shared by <see cref="SvgLineChart"/> and <see cref="SvgHeatmap"/>: elements, text
/// escaping, numbers.</summary>
internal static class SvgElements
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>An svg root of the given size with a white background and the charts' font.</summary>
    public static XElement Root(int width, int height) => new(Svg + "svg",
        new XAttribute("width", width), new XAttribute("height", height),
        new XAttribute("viewBox", $"0 0 {width} {height}"),
        new XAttribute("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"), new XAttribute("font-size", 12),
        new XElement(Svg + "rect", new XAttribute("width", width), new XAttribute("height", height),
            new XAttribute("fill", "white")));

    public static XElement Line(double x1, double y1, double x2, double y2) => new(Svg + "line",
        new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)),
            new XAttribute("y2", F(y2)));

    public static XElement Rect(double x, double y, double width, double height, string fill) => new(Svg + "rect",
        new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("width", F(width)),
            new XAttribute("height", F(height)),
        new XAttribute("fill", fill));

    public static XElement Text(double x, double y, string text, string anchor, int size = 12, string weight = "normal")
    {
        var element = new XElement(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)),
            new XAttribute("text-anchor", anchor), XmlSafe(text));
        if (size != 12) element.Add(new XAttribute("font-size", size));
        if (weight != "normal") element.Add(new XAttribute("font-weight", weight));
        return element;
    }

    /// <summary>A label rotated to read upwards, centred on (x, y).</summary>
    public static XElement VerticalText(double x, double y, string text, int size = 13)
    {
        var label = Text(0, 0, text, "middle", size);
        label.Add(new XAttribute("transform", $"translate({F(x)} {F(y)}) rotate(-90)"));
        return label;
    }

    /// <summary>The document as text with its XML declaration.</summary>
    public static string ToText(XDocument document) => document.Declaration + "\n" + document.Root + "\n";

    /// <summary>Replaces characters XML 1.0 cannot hold at all (most control characters, lone surrogates) with U+FFFD;
    /// escaping handles the rest.</summary>
    public static string XmlSafe(string text)
    {
        if (!text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r') || char.IsSurrogate(c))) return text;
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                builder.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c) || (c < ' ' && c is not ('\t' or '\n' or '\r'))) builder.Append('\uFFFD');
            else builder.Append(c);
        }
        return builder.ToString();
    }

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
