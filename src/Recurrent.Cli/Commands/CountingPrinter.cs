using System.Globalization;
using System.Text.Json;
using Recurrent.Lab.Examples;

namespace Recurrent.Cli.Commands;

/// <summary>Writes a <see cref="CountingReport"/> as text or as the one JSON object of <c>recurrent example counting
/// --json</c>.</summary>
public static class CountingPrinter
{
    /// <summary>
    /// The JSON object: h1, h2, y1, y2, argmax, dU, dV, dW (at the initial weights), iterations, and final
    /// (U, V, W, y1, y2, argmax); vectors as arrays, matrices as arrays of rows in the row-vector convention.
    /// </summary>
    public static string Json(CountingReport report)
    {
        var i = report.Initial;
        var f = report.Final;
        var json = new
        {
            h1 = i.H1, h2 = i.H2, y1 = i.Y1, y2 = i.Y2, argmax = i.Argmax,
            dU = report.GradientU, dV = report.GradientV, dW = report.GradientW,
            iterations = report.Iterations,
            final = new { U = f.U, V = f.V, W = f.W, y1 = f.Y1, y2 = f.Y2, argmax = f.Argmax },
        };
        return JsonSerializer.Serialize(json);
    }

    /// <summary>The human-readable report.</summary>
    public static void Text(CountingReport report, double learningRate, double tolerance, TextWriter output)
    {
        var i = report.Initial;
        output.WriteLine("Counting (one-to-many): word 1 at t = 1, nothing at t = 2; wanted: 2 then 3.");
        output.WriteLine("Row vectors, identity activations, no biases: h_t = h_(t-1) W + x_t U, y_t = h_t V, J = " +
            "sum_t |y_t - target_t|^2.");
        output.WriteLine();
        output.WriteLine("At the initial weights:");
        output.WriteLine($"  h_1 = {Vector(i.H1)}");
        output.WriteLine($"  h_2 = {Vector(i.H2)}");
        output.WriteLine($"  ŷ_1 = {Vector(i.Y1)}");
        output.WriteLine($"  ŷ_2 = {Vector(i.Y2)}");
        output.WriteLine($"  argmax ({i.Argmax[0]}, {i.Argmax[1]}), J = {Number(i.Cost)}, RMSE = {Number(i.Rmse)}");
        output.WriteLine();
        Matrix("∂J/∂U", report.GradientU, output);
        Matrix("∂J/∂V", report.GradientV, output);
        Matrix("∂J/∂W", report.GradientW, output);
        output.WriteLine();
        var f = report.Final;
        string how = report.Converged
            ? $"the RMSE changed by less than {tolerance.ToString("G", CultureInfo.InvariantCulture)}"
            : "the iteration cap was reached";
        output.WriteLine($"Gradient descent, η = {learningRate.ToString("G", CultureInfo.InvariantCulture)}: " +
            $"{report.Iterations} iterations (weight updates) until {how}.");
        Matrix("U", f.U, output);
        Matrix("V", f.V, output);
        Matrix("W", f.W, output);
        output.WriteLine($"  ŷ_1 = {Vector(f.Y1)}");
        output.WriteLine($"  ŷ_2 = {Vector(f.Y2)}");
        output.WriteLine($"  argmax ({f.Argmax[0]}, {f.Argmax[1]}), J = {Number(f.Cost)}, RMSE = {Number(f.Rmse)}");
    }

    private static void Matrix(string name, double[][] rows, TextWriter output)
    {
        output.WriteLine($"  {name} =");
        foreach (var row in rows) output.WriteLine($"    {Vector(row)}");
    }

    private static string Vector(double[] values) =>
        "[" + string.Join(", ", values.Select(v =>
        v.ToString("+0.000000;-0.000000", CultureInfo.InvariantCulture))) + "]";

    private static string Number(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
