using Recurrent.Cli;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Parameters.Serialization;
using Recurrent.Sequences;
using Recurrent.Tests.Onnx;

namespace Recurrent.Tests.Cli;

/// <summary>recurrent export on checkpoints written by the library, and its answers to bad input.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("export-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Export_OfACharModelFolder_RunsInOnnxRuntime_AndGivesTheCheckpointsLogits()
    {
        var model = new CharLanguageModel<float>(new CharLanguageModelConfig(CellKind.Lstm, 4, 6, 2, Embedding: 3),
            new Random(3)) { Training = false };
        string run = Directory.CreateDirectory(Path.Combine(_directory, "run")).FullName;
        CharLanguageModelCheckpoint.Save(model, ["a", "b", "c", " "], Path.Combine(run, "best.safetensors"));
        string onnxPath = Path.Combine(_directory, "model.onnx");

        var (code, output, error) = CliHarness.Run("export", "--checkpoint", run, "--out", onnxPath);

        Assert.True(code == Program.Success, error);
        Assert.Contains("sequence graph of 2 LSTM layer(s) of 6", output);
        Assert.Contains("inputs tokens (steps, batch), h0, c0; outputs outputs, hn, cn", output);
        int[] tokens = [0, 1, 2, 3, 3, 2, 1, 0];                               // T = 4, B = 2
        var logits = model.Forward(tokens, 4, 2);
        using var onnx = new OnnxRun(File.ReadAllBytes(onnxPath));
        var results = onnx.Int64s("tokens", tokens.Select(t => (long)t).ToArray(), 4, 2)
            .Floats("h0", new float[2 * 2 * 6], 2, 2, 6).Floats("c0", new float[2 * 2 * 6], 2, 2, 6).Run();
        OnnxRun.AssertClose(logits.Span, results["outputs"].Values, "logits");
        Assert.Equal("[\"a\",\"b\",\"c\",\" \"]", onnx.Metadata["vocab"]);
        Assert.Equal([onnxPath], Directory.GetFiles(_directory));               // no temporary left beside it
    }

    [Fact]
    public void Export_StepGraph_SaysSo()
    {
        string checkpoint = CharCheckpoint();
        string onnxPath = Path.Combine(_directory, "step.onnx");
        var (code, output, error) = CliHarness.Run("export", "--checkpoint", checkpoint, "--out", onnxPath,
            "--graph", "step");
        Assert.True(code == Program.Success, error);
        Assert.Contains("step graph of 1 GRU layer(s) of 5; inputs token (batch), h0; outputs outputs, hn", output);
        using var onnx = new OnnxRun(File.ReadAllBytes(onnxPath));
        Assert.Equal("step", onnx.Metadata["graph"]);
    }

    [Fact]
    public void Export_OfAFileThatIsNoModel_IsBadInput_AndWritesNothing()
    {
        string notModel = Path.Combine(_directory, "notes.safetensors");
        File.WriteAllText(notModel, "not a model");
        string onnxPath = Path.Combine(_directory, "model.onnx");
        CliHarness.AssertBadInput("notes.safetensors", "export", "--checkpoint", notModel, "--out", onnxPath);
        Assert.False(File.Exists(onnxPath));
    }

    [Fact]
    public void Export_OfAnUnknownModelKind_NamesTheFormat()
    {
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 3, OutputSize = 2 });
        string path = Path.Combine(_directory, "other.safetensors");
        model.Parameters.SaveSafetensors(path, new SafetensorsSaveOptions
            { Metadata = new Dictionary<string, string> { ["format"] = "recurrent-forecaster/9" } });
        CliHarness.AssertBadInput("format 'recurrent-forecaster/9'", "export", "--checkpoint", path, "--out",
            Path.Combine(_directory, "model.onnx"));
    }

    [Fact]
    public void Export_ToAFolderThatDoesNotExist_IsBadInput_AndLeavesNoFile()
    {
        string onnxPath = Path.Combine(_directory, "missing", "model.onnx");
        CliHarness.AssertBadInput("missing", "export", "--checkpoint", CharCheckpoint(), "--out", onnxPath);
        Assert.False(Directory.Exists(Path.Combine(_directory, "missing")));
    }

    [Fact]
    public void Export_StepGraphOfABidirectionalModel_IsBadInput_AndKeepsTheOldFile()
    {
        var model = new SequenceModel(new SequenceModelOptions
            { InputSize = 2, HiddenSize = 3, OutputSize = 2, Bidirectional = true });
        string path = Path.Combine(_directory, "bi.safetensors");
        model.Save(path);
        string onnxPath = Path.Combine(_directory, "model.onnx");
        File.WriteAllText(onnxPath, "old");
        CliHarness.AssertBadInput("bidirectional", "export", "--checkpoint", path, "--out", onnxPath, "--graph",
            "step");
        Assert.Equal("old", File.ReadAllText(onnxPath));
    }

    [Fact]
    public void Export_WithAnUnknownGraph_IsBadInput()
    {
        CliHarness.AssertBadInput("'loop' not recognized", "export", "--checkpoint", CharCheckpoint(), "--out",
            Path.Combine(_directory, "model.onnx"), "--graph", "loop");
    }

    private string CharCheckpoint()
    {
        var model = new CharLanguageModel<float>(new CharLanguageModelConfig(CellKind.Gru, 3, 5), new Random(5));
        string path = Path.Combine(_directory, "char.safetensors");
        CharLanguageModelCheckpoint.Save(model, ["x", "y", "z"], path);
        return path;
    }
}
