namespace Recurrent.Lab.Benchmarks;

/// <summary>
/// A product C (M×N) = A (M×K) · B (K×N), written M×K×N: M is the batch rows, K the inner size, N the outputs.
/// </summary>
public sealed record GemmShape(int M, int K, int N)
{
    /// <summary>Floating-point operations of one product: a multiply and an add per term, 2·M·N·K.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>The shapes `recurrent bench gemm` reports: squares, then the products of an RNN time loop.</summary>
    public static IReadOnlyList<GemmShape> Standard { get; } =
    [
        new(256, 256, 256), new(512, 512, 512), new(1024, 1024, 1024), new(2048, 2048, 2048),
        new(50, 128, 512), new(50, 512, 2048), new(2500, 512, 2048),
    ];

    /// <summary>"M×K×N".</summary>
    public override string ToString() => $"{M}×{K}×{N}";
}
