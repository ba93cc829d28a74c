using System.Xml.Linq;
using static Recurrent.Lab.Plotting.SvgElements;

namespace Recurrent.Lab.Plotting;

/// <summary>
/// A boxed legend, one sample (line or marker) and name per series, in the corner of the plot that hides the fewest
/// data points (top right first, where falling loss curves leave room).
/// </summary>
internal static class ChartLegend
{
    public static XElement Build(IReadOnlyList<ChartSeries> series, IReadOnlyList<string> palette, PlotArea plot,
        IEnumerable<(double X, double Y)> data)
    {
        const double rowHeight = 18, sample = 22, padding = 8, inset = 8;
        // Text width is estimated (no font metrics without a renderer): 7 px per character at 12 px suits sans fonts.
        double textWidth = series.Max(s => s.Name.Length) * 7.0;
        double width = padding * 3 + sample + textWidth, height = padding * 2 + rowHeight * series.Count - 4;
        double right = plot.Left + plot.Width, bottom = plot.Top + plot.Height;
        (double X, double Y)[] corners =
        [
            (right - width - inset, plot.Top + inset),
            (plot.Left + inset, plot.Top + inset),
            (right - width - inset, bottom - height - inset),
            (plot.Left + inset, bottom - height - inset),
        ];
        var points = data.Select(p => (X: plot.X(p.X), Y: plot.Y(p.Y))).ToList();
        var (x, y) = corners.MinBy(c =>
            points.Count(p => p.X >= c.X && p.X <= c.X + width && p.Y >= c.Y && p.Y <= c.Y + height));
        var box = Rect(x, y, width, height, "white");
        box.Add(new XAttribute("fill-opacity", 0.9), new XAttribute("stroke", "#bbb"), new XAttribute("rx", 3));
        var legend = new XElement(Svg + "g", box);
        for (int s = 0; s < series.Count; s++)
        {
            string colour = palette[s % palette.Count];
            double rowY = y + padding + rowHeight * s + 7;
            if (series[s].Style != SeriesStyle.Markers)
            {
                var line = Line(x + padding, rowY, x + padding + sample, rowY);
                line.Add(new XAttribute("stroke", colour), new XAttribute("stroke-width", 2.5));
                legend.Add(line);
            }
            if (series[s].Style != SeriesStyle.Line)
                legend.Add(new XElement(Svg + "circle", new XAttribute("cx", F(x + padding + sample / 2)),
                    new XAttribute("cy", F(rowY)),
                    new XAttribute("r", 3.5), new XAttribute("fill", colour)));
            legend.Add(Text(x + padding * 2 + sample, rowY + 4, series[s].Name, "start"));
        }
        return legend;
    }
}
