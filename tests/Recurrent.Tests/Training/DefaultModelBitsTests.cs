using System.Security.Cryptography;
using System.Runtime.InteropServices;
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
/// Recorded on a Zen 5 host (AVX-512), and the same with <c>DOTNET_EnableAVX512=0</c>, which makes .NET pick the
/// vector widths of an AVX2-only Zen 3: our kernels are AVX2 either way, and the library's own reductions did not
/// change these bits.
/// </remarks>
public sealed class DefaultModelBitsTests : IDisposable
{
    // SHA-256 of the float32 weights (little-endian, in ParameterSet order), recorded at commit 044d086.
    private const string PinnedHash = "1e35495b5d599c10ad04186016283c4cf9f819478cce5d4122c2e836b2124bcc";

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
        Assert.Equal(PinnedHash, hash);
    }
}
