using Recurrent.Backends.Cpu;
using System.Text.Json;

namespace Recurrent.Tests.Cli;

/// <summary>`recurrent bench` and `recurrent bench sample` print the fields the PyTorch peer script prints
/// too.</summary>
public class BenchCommandTests
{
    [Fact]
    public void Bench_Json_HasStepTimeRateAndGflops()
    {
        var (code, output, err) =
            CliHarness.Run("bench", "--model", "gru", "--hidden", "8", "--layers", "2", "--batch-size", "3",
            "--seq-length", "4", "--vocab", "5", "--steps", "3", "--threads", "1", "--json");
        Assert.True(code == 0, err);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        foreach (var field in new[] { "ms_per_step", "chars_per_s", "gflops", "gemm_peak_gflops", "fma_peak_gflops",
            "bytes_allocated_per_step", "peak_working_set_bytes",
                     "required_bytes", "baseline_working_set_bytes", "working_set_ratio" })
            Assert.True(root.GetProperty(field).GetDouble() >= 0, field);
        // in this process other tests' garbage may be collected while the model is built, so heap growth can be
        // negative
        long baseline = root.GetProperty("baseline_working_set_bytes").GetInt64(),
            peak = root.GetProperty("peak_working_set_bytes").GetInt64();
        Assert.True(baseline > 0 && baseline <= peak, $"baseline {baseline} B, peak {peak} B");
        double required = root.GetProperty("required_bytes").GetDouble();
        Assert.Equal((peak - baseline) / required, root.GetProperty("working_set_ratio").GetDouble(), 3);
        Assert.Equal(root.GetProperty("model_managed_bytes").GetDouble() / required,
            root.GetProperty("managed_ratio").GetDouble(), 3);
        Assert.Equal("gru", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("fma_peak_gflops").GetDouble() > 0);
        Assert.Equal(root.GetProperty("gflops").GetDouble() / root.GetProperty("fma_peak_gflops").GetDouble(),
            root.GetProperty("fraction_of_fma_peak").GetDouble(), 2);
        Assert.Equal(CpuBackend.InstructionSet switch
        {
            CpuInstructionSet.Avx512 => "avx512",
            CpuInstructionSet.Avx2 => "avx2+fma",
            _ => "portable",
        }, root.GetProperty("kernel").GetString());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(3, root.GetProperty("step_ms").GetArrayLength());
    }

    [Fact]
    public void BenchSample_Json_HasCharactersPerSecond()
    {
        var (code, output, err) = CliHarness.Run("bench", "sample", "--hidden", "8", "--chars", "50", "--json");
        Assert.True(code == 0, err);
        using var document = JsonDocument.Parse(output);
        Assert.True(document.RootElement.GetProperty("chars_per_s").GetDouble() > 0);
    }

    [Fact]
    public void Bench_RejectsAnUnknownModel()
    {
        CliHarness.AssertBadInput("--model", "bench", "--model", "transformer");
    }
}
