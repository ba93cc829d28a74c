using System.Numerics;
using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>
/// The vectorised bias sums equal their one-element twin bit for bit (each column is summed over the rows in the same
/// order): every width around the vector tails, padded leading dimensions, two blocks at once (also the same block
/// twice, as an LSTM's dxp and dhp) and one alone, float and double, on 1, 2 and 3 threads (blocks of 64 K values and
/// more are split by columns).
/// </summary>
public class ColumnSumsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MatchesReference_BitForBit(int threads)
    {
        IDisposable? limit = null; // this flow's own thread count, ended below
        try
        {
            limit?.Dispose();
            limit = WorkerPool.Limit(threads);
            foreach (var (rows,
                columns) in new[] { (1, 1), (3, 7), (5, 17), (40, 33), (300, 100), (2500, 512), (700, 130), (2500,
                65) })
            {
                Check<float>(rows, columns, pad: 0, shared: false);
                Check<float>(rows, columns, pad: 3, shared: true);
                Check<double>(rows, columns, pad: 1, shared: false);
            }
        }
        finally
        {
            limit?.Dispose();
        }
    }

    private static void Check<T>(int rows, int columns, int pad, bool shared) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        var rng = new Random(rows * 31 + columns);
        int ld = columns + pad;
        T[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => T.CreateChecked(rng.NextDouble() * 2 - 1))];
        T[] m1 = Values(rows * ld), m2 = shared ? m1 : Values(rows * ld);
        T[] sums1 = Values(columns), sums2 = Values(columns);
        T[] expected1 = (T[])sums1.Clone(), expected2 = (T[])sums2.Clone();
        ColumnSums.Add<T>(sums1, m1, sums2, m2, rows, ld);
        ColumnSums.AddReference<T>(expected1, m1, rows, ld);
        ColumnSums.AddReference<T>(expected2, m2, rows, ld);
        T[] single = Values(columns), expectedSingle = (T[])single.Clone();
        ColumnSums.Add<T>(single, m1, rows, ld);
        ColumnSums.AddReference<T>(expectedSingle, m1, rows, ld);
        Assert.Equal(expectedSingle, single);
        for (int j = 0; j < columns; j++)
        {
            Assert.True(expected1[j].Equals(sums1[j]),
                $"{rows}×{columns} {typeof(T).Name}: sums1[{j}] = {sums1[j]}, expected {expected1[j]}");
            Assert.True(expected2[j].Equals(sums2[j]),
                $"{rows}×{columns} {typeof(T).Name}: sums2[{j}] = {sums2[j]}, expected {expected2[j]}");
        }
    }
}
