using Recurrent.Backends.Cpu;
using Recurrent.Tests.Cli;

namespace Recurrent.Tests.Backends;

/// <summary>
/// The bias broadcast of a dense input projection writes the row into every row of the block and nothing else (the
/// padding columns of a wider leading dimension keep their values), on 1, 2 and 3 threads (blocks of 64 K values and
/// more are split by rows), and refuses a block too short for its rows.
/// </summary>
[Collection(GemmThreadsCollection.Name)] // sets the process-wide Gemm.MaxThreads
public class RowBroadcastJobTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FillsEveryRow_LeavesThePaddingAlone(int threads)
    {
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = threads;
            foreach (var (rows, width, ld) in new[] { (1, 1, 1), (3, 7, 9), (2500, 512, 640), (2500, 128, 128), (300, 65, 70) })
            {
                var row = new float[width];
                for (int j = 0; j < width; j++) row[j] = j + 0.5f;
                var m = new float[(rows - 1) * ld + width];
                Array.Fill(m, -7f);
                RowBroadcastJob<float>.Fill(m, ld, row, rows);
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < ld && r * ld + j < m.Length; j++)
                    {
                        float expected = j < width ? row[j] : -7f;
                        Assert.True(m[r * ld + j] == expected, $"{rows}×{width} (ld {ld}), {threads} threads: m[{r}, {j}] = {m[r * ld + j]}, expected {expected}");
                    }
            }
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    [Fact]
    public void TooShortBlock_IsRefusedWithTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => RowBroadcastJob<float>.Fill(new float[10], 4, new float[3], 3));
        Assert.Contains("need 11 values, got 10", e.Message);
        Assert.Throws<ArgumentException>(() => RowBroadcastJob<float>.Fill(new float[10], 2, new float[3], 1));
    }
}
