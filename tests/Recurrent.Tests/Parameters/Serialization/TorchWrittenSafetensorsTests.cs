using System.Numerics;
using System.Text.Json;
using Recurrent.Parameters;
using Recurrent.Parameters.Serialization;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Parameters.Serialization;

/// <summary>
/// Files written on the PyTorch side (tools/reference/safetensors_fixtures.py, torch 1.13) read back value by value
/// against the script's JSON dump, and a PyTorch state_dict survives load → save unchanged. The saved file lands in
/// the test output's Output/ folder, where tools/reference/check_safetensors.py loads it into PyTorch by hand.
/// </summary>
public class TorchWrittenSafetensorsTests
{
    /// <summary>Where the round-trip test leaves our copy of the PyTorch file for
    /// tools/reference/check_safetensors.py.</summary>
    public static string RoundTripPath =>
        Path.Combine(AppContext.BaseDirectory, "Output", "torch_lstm_linear.recurrent.safetensors");

    private static string FixturePath(string name) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors", name);

    /// <summary>state_dict names and shapes of LSTM(3, 4, num_layers=2, bidirectional=True) as "rnn." and Linear(8, 2)
    /// as "head.".</summary>
    private static (string Name, int[] Shape)[] LstmAndLinear(string rnnPrefix)
    {
        var list = new List<(string, int[])>();
        for (int layer = 0; layer < 2; layer++)
        {
            foreach (var suffix in new[] { "", "_reverse" })
            {
                int input = layer == 0 ? 3 : 8;
                list.Add(($"{rnnPrefix}weight_ih_l{layer}{suffix}", [16, input]));
                list.Add(($"{rnnPrefix}weight_hh_l{layer}{suffix}", [16, 4]));
                list.Add(($"{rnnPrefix}bias_ih_l{layer}{suffix}", [16]));
                list.Add(($"{rnnPrefix}bias_hh_l{layer}{suffix}", [16]));
            }
        }
        return [.. list];
    }

    private static ParameterSet<T> Set<T>(IEnumerable<(string Name, int[] Shape)> parameters) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        var set = new ParameterSet<T>();
        foreach (var (name, shape) in parameters) set.Add(name, shape, new UniformInitializer(1));
        return set.Seal();
    }

    [Theory]
    [InlineData("torch_lstm_linear")]
    [InlineData("torch_dtypes")]
    public void Reader_MatchesPyTorchValueByValue(string stem)
    {
        var file = SafetensorsFile.Read(FixturePath(stem + ".safetensors"));
        using var dump = JsonDocument.Parse(File.ReadAllText(FixturePath(stem + ".json")));
        var expected = dump.RootElement.GetProperty("tensors");
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name), file.Tensors.Select(t => t.Name));
        foreach (var entry in expected.EnumerateObject())
        {
            var tensor = file[entry.Name];
            Assert.Equal(entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), tensor.Shape);
            var values = entry.Value.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            // Every dtype widens to double exactly, so nothing may differ at all.
            Approx.Equal(values, tensor.ToArray<double>(), 0, $"{stem}: {entry.Name} ({tensor.DType})");
        }
        foreach (var meta in dump.RootElement.GetProperty("metadata").EnumerateObject())
            Assert.Equal(meta.Value.GetString(), file.Metadata[meta.Name]);
    }

    [Fact]
    public void Dtypes_CoverEveryReadableType()
    {
        var file = SafetensorsFile.Read(FixturePath("torch_dtypes.safetensors"));
        Assert.Equal(Enum.GetValues<SafetensorsDType>().Order(), file.Tensors.Select(t => t.DType).Distinct().Order());
    }

    [Fact]
    public void StateDict_LoadSaveRoundTrip_KeepsEveryTensorBitForBit()
    {
        var torchFile = SafetensorsFile.Read(FixturePath("torch_lstm_linear.safetensors"));
        var set = Set<float>([.. LstmAndLinear("rnn."), ("head.weight", [2, 8]), ("head.bias", [2])]);
        set.Load(torchFile, source: "torch_lstm_linear.safetensors");

        Directory.CreateDirectory(Path.GetDirectoryName(RoundTripPath)!);
        set.SaveSafetensors(RoundTripPath, new SafetensorsSaveOptions
        {
            Metadata = new Dictionary<string, string> { ["format"] = "pt", ["written_by"] = "Recurrent" },
        });

        var ours = SafetensorsFile.Read(RoundTripPath);
        Assert.Equal(torchFile.Tensors.Select(t => t.ToString()), ours.Tensors.Select(t => t.ToString()));
        foreach (var t in torchFile.Tensors)
            Assert.True(t.Data.Span.SequenceEqual(ours[t.Name].Data.Span),
                $"{t.Name}: bytes differ after load and save");
    }

    [Fact]
    public void Submodule_LoadsIntoDoubleSetUnderPrefix_IgnoringOtherModules()
    {
        var set = Set<double>(LstmAndLinear(""));
        set.LoadSafetensors(FixturePath("torch_lstm_linear.safetensors"),
            new SafetensorsLoadOptions { Prefix = "rnn." });
        var torchFile = SafetensorsFile.Read(FixturePath("torch_lstm_linear.safetensors"));
        Approx.Equal(torchFile["rnn.weight_hh_l1_reverse"].ToArray<double>(), set["weight_hh_l1_reverse"].Value.Span, 0,
            "weight_hh_l1_reverse");
    }
}
