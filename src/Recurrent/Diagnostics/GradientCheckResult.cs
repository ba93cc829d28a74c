namespace Recurrent.Diagnostics;

/// <summary>The check of one named tensor (a parameter, or an input): its worst entry among those checked.</summary>
/// <param name="Name">Parameter name (e.g. "0.weight"), or the input's name.</param>
/// <param name="Shape">Shape of the tensor.</param>
/// <param name="EntriesChecked">How many entries were compared (all, or a seeded sample).</param>
/// <param name="WorstRelativeError">Largest |a − n| / max(|a| + |n|, floor) among them.</param>
/// <param name="WorstIndex">Flat (row-major) index of that entry within the tensor; −1 when nothing was
/// checked.</param>
/// <param name="Analytic">The backward pass's derivative at that entry.</param>
/// <param name="Numeric">The central difference at that entry.</param>
public sealed record GradientCheckResult(
    string Name,
    int[] Shape,
    int EntriesChecked,
    double WorstRelativeError,
    int WorstIndex,
    double Analytic,
    double Numeric)
{
    /// <summary>The worst entry as a multi-index, e.g. "(2, 3)"; "-" when nothing was checked.</summary>
    public string WorstPosition
    {
        get
        {
            if (WorstIndex < 0) return "-";
            var index = new int[Shape.Length];
            int rest = WorstIndex;
            for (int d = Shape.Length - 1; d >= 0; d--)
            {
                index[d] = rest % Shape[d];
                rest /= Shape[d];
            }
            return ShapeText.Format(index);
        }
    }

    /// <summary>True when <see cref="WorstRelativeError"/> ≤ <paramref name="tolerance"/>.</summary>
    public bool Passes(double tolerance) => WorstRelativeError <= tolerance;
}
