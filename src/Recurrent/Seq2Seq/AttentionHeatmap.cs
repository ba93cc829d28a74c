using System.Globalization;
using System.Security;
using System.Text;

namespace Recurrent.Seq2Seq;

/// <summary>An <see cref="Seq2SeqAttentionMap"/> drawn as an SVG heatmap: source tokens across, output tokens down,
/// each cell shaded by its weight (white 0 … dark blue 1) and labelled with it.</summary>
public static class AttentionHeatmap
{
    private const int Cell = 28, Margin = 60;

    /// <summary>The SVG document of <paramref name="map"/>.</summary>
    public static string ToSvg(Seq2SeqAttentionMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        int columns = map.SourceTokens.Count, rows = map.OutputTokens.Count;
        int width = Margin + columns * Cell + 10, height = Margin + rows * Cell + 10;
        var svg = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" ")
            .Append("font-family=\"monospace\" font-size=\"12\">\n")
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int j = 0; j < columns; j++)
            svg.Append(c, $"<text x=\"{Margin + j * Cell + Cell / 2}\" y=\"{Margin - 8}\" text-anchor=\"middle\">")
                .Append(Escape(map.SourceTokens[j])).Append("</text>\n");
        for (int i = 0; i < rows; i++)
        {
            svg.Append(c, $"<text x=\"{Margin - 6}\" y=\"{Margin + i * Cell + Cell / 2 + 4}\" text-anchor=\"end\">")
                .Append(Escape(map.OutputTokens[i])).Append("</text>\n");
            for (int j = 0; j < columns; j++)
            {
                double w = Math.Clamp(map.Weights[i][j], 0, 1);
                int shade = (int)Math.Round(255 * (1 - w));
                svg.Append(c, $"<rect x=\"{Margin + j * Cell}\" y=\"{Margin + i * Cell}\" width=\"{Cell}\" ")
                    .Append(c, $"height=\"{Cell}\" fill=\"rgb({shade},{shade},255)\" stroke=\"#ddd\"><title>")
                    .Append(c, $"{w:F3}</title></rect>\n");
            }
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
