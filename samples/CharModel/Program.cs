// Trains a character language model (an LSTM reading one character at a time) on Moby Dick, then writes with it.
// Usage: dotnet run -c Release -- [path/to/moby-dick.txt] [steps]
using Recurrent.Data;
using Recurrent.Models;
using Recurrent.Training;

string book = args.Length > 0 && args[0].Length > 0 ? args[0] : FindAbove(Path.Combine("data", "moby-dick.txt"));
int steps = args.Length > 1 ? int.Parse(args[1]) : 500;
string output = Directory.CreateTempSubdirectory("charmodel-").FullName;

// The first 95% of the book to train on, the last 5% to validate on; char-rnn's defaults but one smaller layer.
var data = CharTrainingData.Create(TextCorpus.Load(book), trainFraction: 0.95, validationFraction: 0.05);
var options = new CharTrainingOptions { HiddenSize = 128, NumLayers = 1, MaxSteps = steps, EvalEvery = 100 };
var report = CharModelTrainer.Start(data, options, output).Train(); // writes last/best.safetensors, curve, sample
Console.WriteLine($"validation loss {report.ValidationLoss:F3} nats/char after {report.Steps} steps " +
    $"({report.Elapsed.TotalSeconds:F0} s)");

// Load the best checkpoint and generate from a prime text.
var (_, symbols, model) = CharLanguageModelCheckpoint.Load(report.Files.Best);
string text = CharTextGenerator.Generate(model, CharVocabulary.FromSymbols(symbols), prime: "The whale ", length: 300,
    new SamplingOptions(Temperature: 0.8), new Random(1));
Console.WriteLine("sample: The whale " + text.ReplaceLineEndings(" "));

// The book ships with the repository (data/moby-dick.txt); look for it above the program's folder.
static string FindAbove(string relative)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
    throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}; give its path");
}
