// Trains the small character language model whose checkpoint the stability gallery analyses
// (docs/gallery/stability/checkpoint). Run from the repository root, about a minute on two cores:
//   dotnet run -c Release tools/gallery/train-charlm.cs -- [STEPS = 3000] [OUT]
// A 2-layer LSTM (H = 64, E = 16) on the bundled moby-dick.txt, batches of 32 streams × 64 characters, Adam 3e-3,
// gradients clipped at norm 5, state carried between batches (truncated BPTT); seeds fixed.
#:project ../../src/Recurrent/Recurrent.csproj
#:property PublishAot=false
using System.Diagnostics;
using Recurrent.Tensors;
using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Optimizers;

int steps = args.Length > 0 ? int.Parse(args[0]) : 3000;
string output = args.Length > 1 ? args[1] : "docs/gallery/stability/checkpoint/lstm-moby-dick.safetensors";
string text = File.ReadAllText("data/moby-dick.txt");
var vocabulary = CharVocabulary.FromText(text);
var indices = vocabulary.Encode(text);
const int batch = 32, length = 64;
var batcher = new CharStreamBatcher(indices, batch, length);
var config = new CharLanguageModelConfig(CellKind.Lstm, vocabulary.Count, Hidden: 64, Layers: 2, Embedding: 16);
var model = new CharLanguageModel<float>(config, new Random(1));
var adam = new Adam<float>(new AdamOptions(LearningRate: 3e-3));
var (inputs, targets) = (new int[batch * length], new int[batch * length]);
var h = new Tensor<float>(config.Layers, batch, config.Hidden);
var c = new Tensor<float>(config.Layers, batch, config.Hidden);
var dz = new Tensor<float>(length, batch, config.VocabularySize);
var clock = Stopwatch.StartNew();
for (int step = 1; step <= steps; step++)
{
    if (batcher.Next(inputs, targets)) { h.Clear(); c.Clear(); } // true: the streams start afresh
    model.Parameters.ZeroGradients();
    model.Forward(inputs, length, batch, h, c);
    float loss = model.Loss(targets, null, dz);
    model.Backward(dz);
    GradientClipping.ClipByGlobalNorm(model.Parameters.Gradients, 5);
    adam.Step(model.Parameters);
    model.FinalHidden.Span.CopyTo(h.Span);
    model.FinalCell!.Span.CopyTo(c.Span);
    if (step % 50 == 0 || step == 1)
        Console.WriteLine($"step {step}: loss {loss:F3} nats ({loss / Math.Log(2):F3} bpc), " +
        $"{clock.Elapsed.TotalSeconds:F0} s");
}
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
CharLanguageModelCheckpoint.Save(model, vocabulary.Symbols, output);
Console.WriteLine($"wrote {output}");
