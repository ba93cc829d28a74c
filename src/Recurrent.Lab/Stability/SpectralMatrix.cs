using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Recurrent.Parameters;

namespace Recurrent.Lab.Stability;

/// <summary>
/// A named square W for the linear recursion, built with a chosen spectrum, with its eigenvalues (MathNet's EVD),
/// spectral radius max |λ| and singular values.
/// </summary>
public sealed class SpectralMatrix
{
    public SpectralMatrix(string name, Matrix<double> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (w.RowCount != w.ColumnCount || w.RowCount == 0)
            throw new ArgumentException($"W must be square and non-empty, got ({w.RowCount}, {w.ColumnCount})",
                nameof(w));
        if (w.Enumerate().Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"W '{name}' holds a non-finite entry", nameof(w));
        Name = name;
        W = w;
        Eigenvalues = [.. w.Evd().EigenValues.OrderByDescending(l => l.Magnitude)];
        SpectralRadius = Eigenvalues[0].Magnitude;
        SingularValues = [.. w.Svd(computeVectors: false).S];
    }

    public string Name { get; }

    /// <summary>(N, N).</summary>
    public Matrix<double> W { get; }

    /// <summary>Eigenvalues, largest modulus first.</summary>
    public Complex[] Eigenvalues { get; }

    /// <summary>max |λ|.</summary>
    public double SpectralRadius { get; }

    /// <summary>Singular values, largest first.</summary>
    public double[] SingularValues { get; }

    /// <summary>
    /// W = Q diag(d) Qᵀ with Q a random orthogonal matrix and real eigenvalues d: d₀ = <paramref name="radius"/>, the
    /// others uniform in (−0.8·radius, 0.8·radius), so max |λ| = radius exactly.
    /// </summary>
    public static SpectralMatrix RealSpectrum(string name, int n, double radius, Random rng)
    {
        var d = new double[n];
        d[0] = radius;
        for (int i = 1; i < n; i++) d[i] = (rng.NextDouble() * 2 - 1) * 0.8 * radius;
        var q = RandomOrthogonal(n, rng);
        return new SpectralMatrix(name, q * Matrix<double>.Build.DiagonalOfDiagonalArray(d) * q.Transpose());
    }

    /// <summary>
    /// W = S B S⁻¹ with B = r·[[cos θ, −sin θ], [sin θ, cos θ]] ⊕ diag(reals in (−0.5r, 0.5r)) and S = I + a random
    /// Gaussian matrix scaled by 0.3/√N (not orthogonal, so ‖h_t‖ visibly oscillates with period 2π/θ): λ = r e^{±iθ}.
    /// </summary>
    public static SpectralMatrix ComplexPair(string name, int n, double modulus, double angle, Random rng)
    {
        if (n < 2) throw new ArgumentException($"a complex pair needs N ≥ 2, got {n}", nameof(n));
        var b = Matrix<double>.Build.Dense(n, n);
        b[0, 0] = b[1, 1] = modulus * Math.Cos(angle);
        b[0, 1] = -modulus * Math.Sin(angle);
        b[1, 0] = modulus * Math.Sin(angle);
        for (int i = 2; i < n; i++) b[i, i] = (rng.NextDouble() * 2 - 1) * 0.5 * modulus;
        var s = Matrix<double>.Build.Dense(n, n, (_, _) =>
            rng.NextGaussian() * 0.3 / Math.Sqrt(n)) + Matrix<double>.Build.DenseIdentity(n);
        return new SpectralMatrix(name, s * b * s.Inverse());
    }

    /// <summary>Q of the QR factorisation of a Gaussian matrix, columns' signs fixed by R's diagonal
    /// (Haar-distributed).</summary>
    public static Matrix<double> RandomOrthogonal(int n, Random rng)
    {
        var a = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextGaussian());
        var qr = a.QR();
        var q = qr.Q.Clone();
        for (int j = 0; j < n; j++)
            if (qr.R[j, j] < 0) q.SetColumn(j, -q.Column(j));
        return q;
    }

    /// <summary>Reads a square matrix: one row per non-empty line, numbers separated by spaces, tabs or commas; '#'
    /// starts a comment.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">A bad number, ragged rows or a non-square matrix, with the
    /// line.</exception>
    public static SpectralMatrix ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"matrix file '{path}' not found", path);
        var rows = new List<double[]>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var fields = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            var row = new double[fields.Length];
            for (int j = 0; j < fields.Length; j++)
                if (!double.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out row[j])
                    || !double.IsFinite(row[j]))
                    throw new InvalidDataException($"{path}:{lineNumber}: expected a finite number, got '{fields[j]}'");
            if (rows.Count > 0 && row.Length != rows[0].Length)
                throw new InvalidDataException($"{path}:{lineNumber}: expected {rows[0].Length} numbers like the " +
                    $"first row, got {row.Length}");
            rows.Add(row);
        }
        if (rows.Count == 0 || rows.Count != rows[0].Length)
            throw new InvalidDataException($"{path}: expected a square matrix, got {rows.Count} rows of " +
                $"{(rows.Count == 0 ? 0 : rows[0].Length)} numbers");
        return new SpectralMatrix(Path.GetFileNameWithoutExtension(path), Matrix<double>.Build.DenseOfRowArrays(rows));
    }
}
