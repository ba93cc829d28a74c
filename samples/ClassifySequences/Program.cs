// Classifies pen strokes (x, y per step, 12-24 steps) as circle, zigzag or line with an LSTM.
// Usage: dotnet run -c Release -- [epochs]
using Recurrent.Data;
using Recurrent.Sequences;
using Recurrent.Tensors;

int epochs = args.Length > 0 ? int.Parse(args[0]) : 60;
string csv = Path.Combine(AppContext.BaseDirectory, "data", "strokes.csv"); // samples/data/strokes.csv

// One row per step; "id" names the sequence, "shape" is its class.
var data = StepCsvReader.Read(csv, new StepCsvOptions
{
    IdColumn = "id", TargetColumn = "shape", TargetKind = SequenceTargetKind.Class,
});
var (train, validation) = data.Split(validationFraction: 0.25, new Random(1));
var normalizer = FeatureNormalizer.Fit(train);
(train, validation) = (normalizer.Apply(train), normalizer.Apply(validation));

var model = new SequenceModel(new SequenceModelOptions
{
    InputSize = data.FeatureCount, HiddenSize = 24, OutputSize = data.ClassCount,
}, seed: 1) { Normalization = normalizer.ToDictionary() };
var report = new SequenceTrainer(model, new SequenceTrainerOptions { Epochs = epochs, LearningRate = 0.01 })
    .Fit(train, validation);
double baseline = validation.Examples.GroupBy(e => e.Target.ClassId).Max(g => g.Count()) / (double)validation.Count;
Console.WriteLine($"accuracy {report.ValidationMetric:F3} baseline {baseline:F3} ({report.StopReason})");

// Save, reload and classify one raw sequence the way training saw it: normalised with the stored statistics.
string file = Path.Combine(Path.GetTempPath(), "strokes-model.safetensors");
model.Save(file);
var loaded = SequenceModel.Load(file);
var raw = data.Examples[0];
float[] x = (float[])raw.Features!.Clone();
FeatureNormalizer.FromDictionary(loaded.Normalization).Normalize(x);
var scores = loaded.Predict(Tensor<float>.From(x, raw.Length, 1, raw.FeatureCount)); // (T, B, F) → (B, K)
float[] row = scores.Span.ToArray();
string predicted = data.ClassNames[Array.IndexOf(row, row.Max())], labelled = data.ClassNames[raw.Target.ClassId];
Console.WriteLine($"sequence {raw.Id}: predicted {predicted}, labelled {labelled}");
