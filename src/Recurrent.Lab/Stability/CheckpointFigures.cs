using System.Globalization;
using Recurrent.Lab.Plotting;

namespace Recurrent.Lab.Stability;

/// <summary>
/// The trained-model part of the stability report: singular values of each recurrent matrix and gate block, a table of
/// spectral radii, and, for a character language model, the norms of its step Jacobians along real text.
/// </summary>
internal static class CheckpointFigures
{
    public static void Write(IReadOnlyList<RecurrentWeightSpectrum> spectra, StepJacobianNorms? jacobians,
        string checkpoint, string? text,
        string directory, MarkdownReport report, List<string> summary)
    {
        var chart =
            new SvgLineChart { Title = "Singular values of the recurrent matrices weight_hh", XLabel = "index",
            YLabel = "σ", LogY = true };
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in spectra)
        {
            string name = s.Block == "all" ? s.Tensor : $"{s.Tensor} [{s.Block}]";
            if (s.Block == "all") // one curve per matrix stays readable; the gate blocks are in the table and the CSV
                chart.Add(s.Tensor, Enumerable.Range(1, s.SingularValues.Length).Select(i => (double)i).ToArray(),
                    s.SingularValues, SeriesStyle.LineAndMarkers);
            foreach (var (sigma, i) in s.SingularValues.Select((v, i) => (v, i)))
                rows.Add([s.Tensor, s.Block, (i + 1).ToString(CultureInfo.InvariantCulture), CsvTable.Number(sigma)]);
            string radius = s.SpectralRadius is double r ? StabilityAnalysis.G(r) : "—";
            summary.Add($"checkpoint {name} ({s.Rows}, {s.Columns}): spectral radius {radius}, σ_max " +
                $"{StabilityAnalysis.G(s.SingularValues[0])}, σ_min {StabilityAnalysis.G(s.SingularValues[^1])}");
        }
        StabilityAnalysis.Save(directory, "checkpoint-singular-values", chart,
            CsvTable.FromRows(["tensor", "block", "index", "sigma"], rows));
        report.Section("Trained model").Paragraph(
            $"Recurrent matrices of `{Path.GetFileName(checkpoint)}`: the figure shows the singular values of each " +
                $"whole (G·H, H) matrix; the table adds each gate block (H, H) with its spectral radius.")
            .Image("singular values", "checkpoint-singular-values.svg", "checkpoint-singular-values.csv")
            .Table(["tensor", "block", "shape", "spectral radius", "σ_max", "σ_min"],
                spectra.Select(s => (IReadOnlyList<string>)
                [s.Tensor, s.Block, $"({s.Rows}, {s.Columns})", s.SpectralRadius is double r ? StabilityAnalysis.G(r)
                    : "—",
                 StabilityAnalysis.G(s.SingularValues[0]), StabilityAnalysis.G(s.SingularValues[^1])]));
        if (jacobians is not null) WriteJacobians(jacobians, text!, directory, report, summary);
        else report.Paragraph("The step Jacobians ∂h_t/∂h_{t−1} along real input need a character language model " +
            "checkpoint (format recurrent-charlm/1) and a text; this file is not one, or no text was given, so they " +
            "are not measured.");
    }

    private static void WriteJacobians(StepJacobianNorms j, string text, string directory, MarkdownReport report,
        List<string> summary)
    {
        string cell = j.Config.Model.ToString().ToUpperInvariant();
        var t = Enumerable.Range(1, j.Steps).Select(i => (double)i).ToArray();
        var chart = new SvgLineChart
        {
            Title = $"Step Jacobian norms along {Path.GetFileName(text)} ({cell}, H = {j.Config.HiddenSize})",
            XLabel = "t (character)", YLabel = "spectral norm of the step Jacobian", LogY = true,
        };
        chart.Add(ChartGuide.Horizontal(1, "1"));
        var header = new List<string> { "t" };
        var columns = new List<IReadOnlyList<double>> { t };
        var rows = new List<IReadOnlyList<string>>();
        for (int l = 0; l < j.Config.NumLayers; l++)
        {
            chart.Add($"layer {l}: ‖∂h_t/∂h_{{t−1}}‖₂", t, j.Spectral[l]);
            header.AddRange([$"spectral_l{l}", $"frobenius_l{l}"]);
            columns.AddRange([j.Spectral[l], j.Frobenius[l]]);
            rows.Add(Row($"layer {l}, ‖∂h_t/∂h_{{t−1}}‖₂", j.Spectral[l]));
            rows.Add(Row($"layer {l}, ‖∂h_t/∂h_{{t−1}}‖_F", j.Frobenius[l]));
            if (j.StateSpectral is not null)
            {
                chart.Add($"layer {l}: ‖∂(h_t, c_t)/∂(h_{{t−1}}, c_{{t−1}})‖₂", t, j.StateSpectral[l]);
                header.Add($"state_spectral_l{l}");
                columns.Add(j.StateSpectral[l]);
                rows.Add(Row($"layer {l}, ‖∂(h_t, c_t)/∂(h_{{t−1}}, c_{{t−1}})‖₂", j.StateSpectral[l]));
            }
        }
        StabilityAnalysis.Save(directory, "checkpoint-step-jacobians", chart, CsvTable.FromColumns(header, columns));
        foreach (var row in rows)
            summary.Add($"checkpoint step Jacobian {row[0]}: median {row[1]}, max {row[2]}, steps > 1: {row[3]}");
        report.Paragraph(
            $"Step Jacobians along real input: the model, loaded in float64 with dropout off, reads the first " +
                $"{j.Steps} characters of `{Path.GetFileName(text)}` that its vocabulary holds (characters outside " +
                $"it skipped: {j.Skipped}) from a zero state. At each step t and layer l, J = ∂h_t/∂h_{{t−1}} is " +
                $"measured with the layer's input " +
            "(the character for layer 0, the layer below's h_t above) held fixed, by central differences through the " +
                "cell's own step (ε = 10⁻⁶, float64)" +
            (j.StateSpectral is null ? "."
                : "; for the LSTM with c_{t−1} also held fixed, and the ‖∂(h_t, c_t)/∂(h_{t−1}, c_{t−1})‖₂ curves " +
                "add the whole state's Jacobian (2H, 2H), the map that carries a gradient back one step.") +
            " A step with ‖J‖₂ > 1 can amplify some perturbation of the state (or a gradient going back); a long run " +
                "of steps below 1 makes every one vanish. A one-step norm above 1 does not by itself make the " +
                    "product over many steps grow: that depends on how the steps' directions line up.")
            .Image("step Jacobian norms against t", "checkpoint-step-jacobians.svg", "checkpoint-step-jacobians.csv")
            .Table(["Jacobian", "median", "max", "fraction of steps > 1"], rows);
    }

    private static IReadOnlyList<string> Row(string name, double[] values)
    {
        var (median, max, above) = StepJacobianNorms.Summary(values);
        return [name, StabilityAnalysis.G(median), StabilityAnalysis.G(max),
            above.ToString("0.###", CultureInfo.InvariantCulture)];
    }
}
