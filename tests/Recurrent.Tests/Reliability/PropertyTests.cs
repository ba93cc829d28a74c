using CsCheck;
using Recurrent.Backends.Cpu;
using Recurrent.Layers.Recurrent;
using Recurrent.Sequences;
using Recurrent.Tensors;
using Recurrent.Tests.Backends;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Core invariants over random cases (CsCheck, the same cases every run: <see cref="FuzzBudget.ForEachCase"/>): GEMM
/// against the naive reference on random shapes, transposes, strides, scalars and thread counts (tolerance as in
/// <see cref="GemmCase"/>); save → load → save of a random architecture is byte-identical; and a sequence's output
/// does not depend on the other sequences of its batch (their values and lengths), bit for bit. Padding invariance
/// and resume = straight training are properties of their own (<see cref="PaddingPropertyTests"/>,
/// <see cref="ResumePropertyTests"/>).
/// </summary>
public sealed class PropertyTests : IDisposable
{
    private const int Cases = 60;
    private readonly string _directory = Directory.CreateTempSubdirectory("properties-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly double[] Scalars = [0, 1, -1, 0.5, 2.5];

    [Fact]
    public void Gemm_OnRandomShapesStridesAndThreads_MatchesTheReference()
    {
        var cases = Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[1, 70], Gen.Int[1, 70], Gen.Int[1, 90], Gen.Int[0, 4],
            Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[1, 4], Gen.Bool, Gen.Int[0, 1000],
            (ta, tb, m, n, k, alpha, beta, pad, threads, portable, seed) =>
                (Case: new GemmCase(ta, tb, m, n, k, Scalars[alpha], Scalars[beta], pad), threads, portable, seed));
        FuzzBudget.ForEachCase(Cases, caseSeed => cases.Sample(p =>
        {
            using (CpuBackend.LimitThreads(p.threads))
            {
                p.Case.AssertMatchesReference<float>(p.seed, p.portable);
                p.Case.AssertMatchesReference<double>(p.seed, p.portable);
            }
        }, iter: 1, threads: 1, seed: caseSeed));
    }

    private static readonly Gen<SequenceModelOptions> Architectures =
        Gen.Select(Gen.Int[0, 2], Gen.Int[1, 5], Gen.Int[1, 2], Gen.Bool, Gen.Int[0, 3], Gen.Int[1, 4],
            (cell, hidden, layers, bidirectional, pooling, outputs) => new SequenceModelOptions
            {
                InputSize = 3, HiddenSize = hidden, NumLayers = layers, OutputSize = outputs,
                Cell = (CellKind)cell, Bidirectional = bidirectional, Pooling = (PoolingKind)pooling,
            });

    [Fact]
    public void SaveLoadSave_OfARandomArchitecture_IsByteIdentical()
    {
        string first = Path.Combine(_directory, "first.safetensors");
        string second = Path.Combine(_directory, "second.safetensors");
        var cases = Gen.Select(Architectures, Gen.Int[0, 1000]);
        FuzzBudget.ForEachCase(Cases, caseSeed => cases.Sample((options, seed) =>
        {
            new SequenceModel(options, seed).Save(first);
            SequenceModel.Load(first).Save(second);
            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        }, iter: 1, threads: 1, seed: caseSeed));
    }

    [Fact]
    public void ASequencesOutput_DoesNotDependOnTheOthersInItsBatch()
    {
        const int T = 5, B = 4, F = 3;
        var cases = Gen.Select(Architectures, Gen.Int[0, 1000], Gen.Int[1, T].Array[B], Gen.Int[1, T].Array[B]);
        FuzzBudget.ForEachCase(Cases, caseSeed => cases.Sample((options, seed, lengths, otherLengths) =>
        {
            var model = new SequenceModel(options, seed);
            var random = new Random(seed);
            var x = new Tensor<float>(T, B, F);
            for (int i = 0; i < x.Span.Length; i++) x.Span[i] = (float)(random.NextDouble() * 2 - 1);
            var before = model.Predict(x, lengths).Span.ToArray();

            // New values and lengths for sequences 1..B-1; sequence 0 keeps its own.
            var y = new Tensor<float>(T, B, F);
            x.Span.CopyTo(y.Span);
            for (int t = 0; t < T; t++)
                for (int b = 1; b < B; b++)
                    for (int f = 0; f < F; f++) y.Span[(t * B + b) * F + f] = (float)(random.NextDouble() * 4 - 2);
            int[] changed = [lengths[0], .. otherLengths[1..]];
            var after = model.Predict(y, changed).Span.ToArray();
            int k = options.OutputSize;
            Assert.Equal(before.AsSpan(0, k).ToArray(), after.AsSpan(0, k).ToArray());
        }, iter: 1, threads: 1, seed: caseSeed));
    }
}
