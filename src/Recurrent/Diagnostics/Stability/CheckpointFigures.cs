using System.Globalization;
using Recurrent.Plotting;

namespace Recurrent.Diagnostics.Stability;

/// <summary>The trained-model part of the stability report: singular values of each recurrent matrix and gate block, and a table of spectral radii.</summary>
internal static class CheckpointFigures
{
    public static void Write(IReadOnlyList<RecurrentWeightSpectrum> spectra, string checkpoint, string directory, MarkdownReport report, List<string> summary)
    {
        var chart = new SvgLineChart { Title = "Singular values of the recurrent matrices weight_hh", XLabel = "index", YLabel = "σ", LogY = true };
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in spectra)
        {
            string name = s.Block == "all" ? s.Tensor : $"{s.Tensor} [{s.Block}]";
            if (s.Block == "all") // one curve per matrix stays readable; the gate blocks are in the table and the CSV
                chart.Add(s.Tensor, Enumerable.Range(1, s.SingularValues.Length).Select(i => (double)i).ToArray(), s.SingularValues, SeriesStyle.LineAndMarkers);
            foreach (var (sigma, i) in s.SingularValues.Select((v, i) => (v, i)))
                rows.Add([s.Tensor, s.Block, (i + 1).ToString(CultureInfo.InvariantCulture), CsvTable.Number(sigma)]);
            string radius = s.SpectralRadius is double r ? StabilityAnalysis.G(r) : "—";
            summary.Add($"checkpoint {name} ({s.Rows}, {s.Columns}): spectral radius {radius}, σ_max {StabilityAnalysis.G(s.SingularValues[0])}, σ_min {StabilityAnalysis.G(s.SingularValues[^1])}");
        }
        StabilityAnalysis.Save(directory, "checkpoint-singular-values", chart, CsvTable.FromRows(["tensor", "block", "index", "sigma"], rows));
        report.Section("Trained model").Paragraph(
            $"Recurrent matrices of `{Path.GetFileName(checkpoint)}`: the figure shows the singular values of each whole (G·H, H) matrix; the table adds each gate block (H, H) with its spectral radius. " +
            "The norms of the step Jacobians ∂h_t/∂h_{t−1} along real input need the model itself and are not measured here.")
            .Image("singular values", "checkpoint-singular-values.svg", "checkpoint-singular-values.csv")
            .Table(["tensor", "block", "shape", "spectral radius", "σ_max", "σ_min"], spectra.Select(s => (IReadOnlyList<string>)
                [s.Tensor, s.Block, $"({s.Rows}, {s.Columns})", s.SpectralRadius is double r ? StabilityAnalysis.G(r) : "—",
                 StabilityAnalysis.G(s.SingularValues[0]), StabilityAnalysis.G(s.SingularValues[^1])]));
    }
}
