using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>
/// The LSTM gate kernel on its own (NaN handling). Its agreement with the cell's reference, on every vector tail, is in
/// <see cref="Layers.Recurrent.CellKernelAgreementTests"/>.
/// </summary>
public class LstmGatesTests
{
    [Fact]
    public void ForwardRow_KeepsNaN()
    {
        const int hs = 16;
        float[] cache = new float[5 * hs], c = new float[hs], h = new float[hs], cPrev = new float[hs];
        cache[3] = float.NaN;             // i of unit 3
        cache[2 * hs + 9] = float.NaN;    // g of unit 9
        LstmGates.ForwardRow(cache, c, h, cPrev);
        Assert.True(float.IsNaN(h[3]) && float.IsNaN(h[9]), $"h[3] = {h[3]}, h[9] = {h[9]}: NaN in, NaN out");
        Assert.True(float.IsFinite(h[0]), "other units unaffected");
    }
}
