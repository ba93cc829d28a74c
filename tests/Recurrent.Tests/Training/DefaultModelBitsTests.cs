using System.Security.Cryptography;
using System.Runtime.InteropServices;
using Recurrent.Backends.Cpu;
using Recurrent.Data;
using Recurrent.Training;

namespace Recurrent.Tests.Training;

/// <summary>
/// Pins the bits of training: the README's default model (LSTM 2×128, one-hot, B = 50, T = 50, RMSprop 2e-3, clip 5,
/// seed 1) trained 20 steps on the bundled Moby Dick must end with exactly the weights recorded before the code was
/// reshaped. A refactor that claims "no behaviour change" is held to it; a change that alters the arithmetic on
/// purpose must say so and record the new hash.
/// </summary>
/// <remarks>
/// One hash per kernel width (<see cref="CpuBackend.InstructionSet"/>): the AVX-512 GEMM sums each product in the
/// same order, but its 32-wide slivers send other tiles through the few-rows and edge paths, whose write-back rounds
/// α·acc + β·c unfused, so its bits differ from the AVX2 kernel's by design. The AVX2 hash was recorded on a Zen 5
/// host with <c>DOTNET_EnableAVX512=0</c> and without, before the AVX-512 kernels existed, and holds under
/// <c>RECURRENT_CPU_KERNELS=avx2</c> since: the 256-bit path did not change.
/// </remarks>
public sealed class DefaultModelBitsTests : IDisposable
{
    // SHA-256 of the float32 weights (little-endian, in ParameterSet order): AVX2 recorded at commit 044d086, AVX-512
    // when its kernels came.
    private static readonly Dictionary<CpuInstructionSet, string> PinnedHashes = new()
    {
        [CpuInstructionSet.Avx2] = "1e35495b5d599c10ad04186016283c4cf9f819478cce5d4122c2e836b2124bcc",
        [CpuInstructionSet.Avx512] = "1e0a14cf8ffbe1a71ff10b0554492668dc5bc231b2dd521b410ee49a140adbec",
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("charlm-bits-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TwentySeededStepsOfTheDefaultModel_EndWithThePinnedWeights()
    {
        var corpus = TextCorpus.Load(Data.TextCorpusTests.FindRepositoryFile("data/moby-dick.txt"));
        var options = new CharTrainingOptions { MaxSteps = 20 };
        var data = CharTrainingData.Create(corpus, options.TrainFraction, options.ValidationFraction);
        var trainer = CharModelTrainer.Start(data, options, _directory);
        trainer.Train();

        string hash =
            Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes<float>(trainer.Model.Parameters.Values)));
        Assert.True(PinnedHashes.TryGetValue(CpuBackend.InstructionSet, out string? pinned),
            $"no hash recorded for {CpuBackend.InstructionSet} kernels; these give {hash}");
        Assert.True(pinned == hash, $"{CpuBackend.InstructionSet}: expected {pinned}, got {hash}");
    }
}
