namespace Recurrent.Diagnostics;

/// <summary>Settings of <see cref="GradientChecker"/>. The defaults suit smooth models; see <see cref="ForKinks"/> for
/// ReLU-like ones.</summary>
/// <param name="Step">
/// h of the finite difference. Rounding in the cost (≈ 1e-16·|C|, a little more after many operations) contributes
/// ≈ 1e-16·|C| / h to the numeric derivative, and truncation ≈ h²·C‴/6 (central) or ≈ h⁴·C⁽⁵⁾/30 (five-point).
/// Relative errors of gradients as small as 1e-7 stay under 1e-6 only if rounding is kept near 1e-13, which the
/// five-point stencil allows with h = 1e-3 (measured on tanh and sigmoid MLPs: worst 5e-8 over every entry of
/// 20 seeds), while a central difference at its best h ≈ 1e-5 reaches only ≈ 3e-6 on such entries.
/// </param>
/// <param name="FivePoint">
/// Use the five-point stencil n = [8(C(θ+h) − C(θ−h)) − (C(θ+2h) − C(θ−2h))] / 12h (error O(h⁴), four costs per entry)
/// instead of the central difference n = (C(θ+h) − C(θ−h)) / 2h (error O(h²), two costs per entry).
/// </param>
/// <param name="MaxEntriesPerParameter">Entries checked per named tensor: all of a small one, a seeded sample of a
/// larger one.</param>
/// <param name="Seed">Seed of the sampling RNG; the same seed checks the same entries.</param>
/// <param name="RelativeErrorFloor">
/// Floor of the denominator of the relative error |a − n| / max(|a| + |n|, floor), so that exact zeros
/// (a = n = 0) count as agreement instead of dividing by zero.
/// </param>
/// <param name="Tolerance">Largest relative error that passes.</param>
public sealed record GradientCheckOptions(
    double Step = 1e-3,
    bool FivePoint = true,
    int MaxEntriesPerParameter = 20,
    int Seed = 0,
    double RelativeErrorFloor = 1e-8,
    double Tolerance = 1e-6)
{
    /// <summary>
    /// For piecewise models (ReLU, leaky ReLU, ELU): a central difference with h = 1e-5, so that few perturbations
    /// cross a kink, where no finite difference equals the one-sided derivative of the backward pass.
    /// </summary>
    public static GradientCheckOptions ForKinks { get; } = new(Step: 1e-5, FivePoint: false);
}
