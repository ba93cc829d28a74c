using System.Numerics;
using Recurrent.Parameters;
using Recurrent.Parameters.Serialization;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Parameters.Serialization;

/// <summary>Saving and loading a parameter set by name: round trips, dtype choice, prefixes, and one message for every
/// mismatch.</summary>
public class ParameterSetSafetensorsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("recurrent-io-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static ParameterSet<T> Set<T>(params (string Name, int[] Shape)[] parameters) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        var set = new ParameterSet<T>();
        foreach (var (name, shape) in parameters) set.Add(name, shape, new UniformInitializer(1));
        return set.Seal();
    }

    private static ParameterSet<T> Small<T>(int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var set = Set<T>(("weight_ih_l0", [8, 3]), ("weight_hh_l0", [8, 2]), ("bias_ih_l0", [8]));
        set.Initialize(new Random(seed));
        return set;
    }

    [Fact]
    public void Double_RoundTrip_RestoresEveryValueExactly()
    {
        var saved = Small<double>(1);
        saved.SaveSafetensors(PathOf("d.safetensors"),
            new SafetensorsSaveOptions { Metadata = new Dictionary<string, string> { ["step"] = "12" } });
        var loaded = Small<double>(2);
        var metadata = loaded.LoadSafetensors(PathOf("d.safetensors"));
        Approx.Equal(saved.Values, loaded.Values, 0, "parameters");
        Assert.Equal("12", metadata["step"]);
        Assert.Equal(SafetensorsDType.F64, SafetensorsFile.Read(PathOf("d.safetensors"))["weight_hh_l0"].DType);
    }

    [Fact]
    public void Float_RoundTrip_WritesF32AndRestoresExactly()
    {
        var saved = Small<float>(3);
        saved.SaveSafetensors(PathOf("f.safetensors"));
        var loaded = Small<float>(4);
        loaded.LoadSafetensors(PathOf("f.safetensors"));
        Approx.Equal(saved.Values, loaded.Values, 0, "parameters");
        Assert.Equal(SafetensorsDType.F32, SafetensorsFile.Read(PathOf("f.safetensors"))["weight_ih_l0"].DType);
    }

    [Fact]
    public void ChosenDType_DoubleSetSavedAsF32_LoadsWithinFloatRounding()
    {
        var saved = Small<double>(5);
        saved.SaveSafetensors(PathOf("d32.safetensors"), new SafetensorsSaveOptions { DType = SafetensorsDType.F32 });
        Assert.Equal(SafetensorsDType.F32, SafetensorsFile.Read(PathOf("d32.safetensors"))["bias_ih_l0"].DType);
        var loaded = Small<double>(6);
        loaded.LoadSafetensors(PathOf("d32.safetensors"));
        Approx.Equal(saved.Values, loaded.Values, 6e-8, "parameters through F32");
    }

    [Fact]
    public void Prefix_SavesUnderItAndLoadsOnlyWhatIsUnderIt()
    {
        var rnn = Small<double>(7);
        var file = new SafetensorsFile(
            rnn.ToSafetensors(new SafetensorsSaveOptions { Prefix = "rnn." }).Tensors
                .Append(SafetensorsTensor.From<double>("head.weight", new double[6], [2, 3])));
        Assert.True(file.Contains("rnn.weight_ih_l0"));
        var loaded = Small<double>(8);
        loaded.Load(file, new SafetensorsLoadOptions { Prefix = "rnn." });
        Approx.Equal(rnn.Values, loaded.Values, 0, "parameters");
    }

    [Fact]
    public void Mismatches_AreAllReportedInOneMessage_AndNothingIsLoaded()
    {
        var file = new SafetensorsFile(
        [
            SafetensorsTensor.From<float>("rnn.weight_ih_l0", new float[512 * 64], [512, 64]),
            SafetensorsTensor.From<float>("rnn.weight_hh_l0", new float[512 * 128], [512, 128]),
            SafetensorsTensor.From<float>("rnn.weight_ih_l1", new float[4], [4]),
        ]);
        var set = Set<float>(("weight_ih_l0", [512, 65]), ("weight_hh_l0", [512, 128]), ("bias_ih_l0", [512]));
        set.Values.Fill(3f);
        var e = Assert.Throws<InvalidDataException>(() =>
            set.Load(file, new SafetensorsLoadOptions { Prefix = "rnn." }, "model.safetensors"));
        Assert.Contains("checkpoint 'model.safetensors' does not match the parameters under prefix 'rnn.' (3 problems)",
            e.Message);
        Assert.Contains("expected rnn.weight_ih_l0 (512, 65), got (512, 64)", e.Message);
        Assert.Contains("missing rnn.bias_ih_l0 (512)", e.Message);
        Assert.Contains("unexpected rnn.weight_ih_l1 (4)", e.Message);
        Assert.All(set.Values.ToArray(), v =>
            Assert.True(v == 3f, "a failed load must leave the parameters untouched"));
    }

    [Fact]
    public void NonStrict_IgnoresExtras_ButStillRefusesMissingUnlessAllowed()
    {
        var saved = Small<float>(9);
        var file =
            new SafetensorsFile(
            saved.ToSafetensors().Tensors.Append(SafetensorsTensor.From<float>("extra", [1f], [1])));
        var loaded = Small<float>(10);
        Assert.Contains("unexpected extra (1)", Assert.Throws<InvalidDataException>(() => loaded.Load(file)).Message);
        loaded.Load(file, new SafetensorsLoadOptions { Strict = false });
        Approx.Equal(saved.Values, loaded.Values, 0, "parameters");

        var bigger =
            Set<float>(("weight_ih_l0", [8, 3]), ("weight_hh_l0", [8, 2]), ("bias_ih_l0", [8]), ("bias_hh_l0", [8]));
        Assert.Contains("missing bias_hh_l0 (8)", Assert.Throws<InvalidDataException>(() =>
            bigger.Load(file, new SafetensorsLoadOptions { Strict = false })).Message);
        bigger.Load(file, new SafetensorsLoadOptions { Strict = false, AllowMissing = true });
        Approx.Equal(saved["weight_hh_l0"].Value.Span, bigger["weight_hh_l0"].Value.Span, 0, "weight_hh_l0");
    }
}
