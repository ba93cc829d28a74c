using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Lab.Stability;

/// <summary>
/// Spectral radius and singular values of one recurrent matrix of a checkpoint: a whole weight_hh_l{k} (G·H, H) is
/// reported by its singular values; each square gate block (H, H) (G = 1 RNN, 3 GRU r|z|n, 4 LSTM i|f|g|o) also by
/// its eigenvalues.
/// </summary>
public sealed record RecurrentWeightSpectrum(string Tensor, string Block, int Rows, int Columns, double? SpectralRadius,
    double[] SingularValues)
{
    private static readonly Regex HiddenWeight = new(@"weight_hh_l(\d+)(_reverse)?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads every tensor named …weight_hh_l{k}[_reverse] of a safetensors file, in name order, leaving out stored
    /// gradients (names with a "grad" segment, e.g. grad.weight_hh_l0).
    /// </summary>
    /// <exception cref="InvalidDataException">No such tensor, or one whose rows are not a multiple 1, 3 or 4 of its
    /// columns.</exception>
    public static IReadOnlyList<RecurrentWeightSpectrum> FromCheckpoint(string path)
    {
        var file = SafetensorsFile.Read(path);
        var tensors = file.Tensors.Where(t =>
            HiddenWeight.IsMatch(t.Name) && !t.Name.Split('.').Contains("grad")).OrderBy(t =>
            t.Name, StringComparer.Ordinal).ToList();
        if (tensors.Count == 0)
            throw new InvalidDataException($"{path}: expected recurrent weights named weight_hh_l{{k}} (e.g. " +
                $"rnn.weight_hh_l0), found none among {file.Tensors.Count} tensors");
        var spectra = new List<RecurrentWeightSpectrum>();
        foreach (var tensor in tensors)
        {
            var shape = tensor.Shape;
            if (shape.Length != 2 || shape[1] == 0 || shape[0] % shape[1] != 0
                || shape[0] / shape[1] is not (1 or 3 or 4))
                throw new InvalidDataException($"{path}: {tensor.Name} should be (G·H, H) with G = 1, 3 or 4, got " +
                    $"({string.Join(", ", shape)})");
            int h = shape[1], gates = shape[0] / h;
            var w = Matrix<double>.Build.DenseOfRowMajor(shape[0], h, tensor.ToArray<double>());
            string[] names = gates switch { 4 => ["i", "f", "g", "o"], 3 => ["r", "z", "n"], _ => [""] };
            if (gates > 1) spectra.Add(new(tensor.Name, "all", shape[0], h, null, w.Svd(false).S.ToArray()));
            for (int g = 0; g < gates; g++)
            {
                var block = w.SubMatrix(g * h, h, 0, h);
                double radius = block.Evd().EigenValues.Max(l => l.Magnitude);
                spectra.Add(new(tensor.Name, gates == 1 ? "all"
                    : names[g], h, h, radius, block.Svd(false).S.ToArray()));
            }
        }
        return spectra;
    }
}
