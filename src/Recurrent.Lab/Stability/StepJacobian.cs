using MathNet.Numerics.LinearAlgebra;
using Recurrent.Layers.Recurrent;

namespace Recurrent.Lab.Stability;

/// <summary>
/// The Jacobian of one recurrent step with the layer's input x_t held fixed, measured by central differences in float64
/// through one step of the cell in a <see cref="RecurrentLayer{T}"/> (so it is the Jacobian of what the model computes,
/// whatever the cell): with the state s = h (RNN, GRU) or s = (h, c) (LSTM, S = 2H),
/// <code>J[:, j] = (step(x_t, s_{t−1} + ε e_j) − step(x_t, s_{t−1} − ε e_j)) / 2ε,   ε = 1e-6</code>
/// all 2S perturbed copies run as one batch of one step. The truncation error is O(ε²·f‴) and the rounding error
/// O(1e-16/ε), about 1e-10 for activations of order 1. For the RNN J = diag(f′(z_t)) W_hh.
/// </summary>
public static class StepJacobian
{
    /// <summary>The step of the finite differences.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>
    /// ∂s_t/∂s_{t−1} (S, S) at the operating point (x_t, h_{t−1}, c_{t−1}); for an LSTM rows and columns are ordered
    /// h then c, so the top-left (H, H) block is ∂h_t/∂h_{t−1} with c_{t−1} held fixed.
    /// </summary>
    /// <param name="x">x_t (I), the layer's input at this step.</param>
    /// <param name="h">h_{t−1} (H).</param>
    /// <param name="c">c_{t−1} (H) for an LSTM; empty otherwise.</param>
    public static Matrix<double> OfState(RecurrentCell<double> cell, ReadOnlySpan<double> x, ReadOnlySpan<double> h,
        ReadOnlySpan<double> c)
    {
        ArgumentNullException.ThrowIfNull(cell);
        int hs = cell.HiddenSize;
        if (x.Length != cell.InputSize)
            throw new ShapeMismatchException($"x: expected (I) = ({cell.InputSize}), got ({x.Length})");
        if (h.Length != hs) throw new ShapeMismatchException($"h: expected (H) = ({hs}), got ({h.Length})");
        if (c.Length != (cell.HasCellState ? hs : 0))
            throw new ShapeMismatchException($"c: expected ({(cell.HasCellState ? hs : 0)}) for this cell, got " +
                $"({c.Length})");
        int size = cell.HasCellState ? 2 * hs : hs, rows = 2 * size;
        var xs = new Tensor<double>(rows, cell.InputSize); // (2S, I) the same input on every row
        var state = new RecurrentState<double>(rows, hs, cell.HasCellState);
        var hPrev = state.H.Data;                 // (2S, H), stepped in place to h_t
        var cPrev = state.C?.Data ?? [];          // (2S, H) for an LSTM
        for (int r = 0; r < rows; r++)
        {
            x.CopyTo(xs.Span[(r * cell.InputSize)..]);
            h.CopyTo(hPrev.AsSpan(r * hs));
            if (cell.HasCellState) c.CopyTo(cPrev.AsSpan(r * hs));
        }
        for (int j = 0; j < size; j++) // rows 2j and 2j + 1 move state component j by +ε and −ε
        {
            var (target, column) = j < hs ? (hPrev, j) : (cPrev, j - hs);
            target[2 * j * hs + column] += Epsilon;
            target[(2 * j + 1) * hs + column] -= Epsilon;
        }
        new RecurrentLayer<double>(cell).Step(xs, state);
        double[] hNext = hPrev, cNext = cPrev;
        var jacobian = Matrix<double>.Build.Dense(size, size);
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++)
            {
                var (next, row) = i < hs ? (hNext, i) : (cNext, i - hs);
                jacobian[i, j] = (next[2 * j * hs + row] - next[(2 * j + 1) * hs + row]) / (2 * Epsilon);
            }
        return jacobian;
    }

    /// <summary>∂h_t/∂h_{t−1} (H, H): <see cref="OfState"/>'s top-left block (c_{t−1} held fixed for an
    /// LSTM).</summary>
    public static Matrix<double> OfHidden(RecurrentCell<double> cell, ReadOnlySpan<double> x, ReadOnlySpan<double> h,
        ReadOnlySpan<double> c)
    {
        var full = OfState(cell, x, h, c);
        return cell.HasCellState ? full.SubMatrix(0, cell.HiddenSize, 0, cell.HiddenSize) : full;
    }
}
