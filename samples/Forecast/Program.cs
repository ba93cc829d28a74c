// Forecasts yearly sunspot numbers (1700-2008) one year ahead from the past 20 years with an LSTM.
// Usage: dotnet run -c Release -- [epochs]
using Recurrent.Data;
using Recurrent.Sequences;
using Recurrent.Tensors;

int epochs = args.Length > 0 ? int.Parse(args[0]) : 100;
const int Window = 20;
string csv = Path.Combine(AppContext.BaseDirectory, "data", "sunspots.csv"); // samples/data/sunspots.csv

// The file is one series (no id column): one step per year.
var file = StepCsvReader.Read(csv, new StepCsvOptions { FeatureColumns = ["SUNACTIVITY"] });
float[] series = file.Examples[0].Features!;
int firstValidation = (int)(series.Length * 0.8); // the last 20% of the years are forecast, never trained on

// Scale by the training years' mean and std; windows of the past Window values → the next value.
var scale = FeatureNormalizer.FitRows([series[..firstValidation]], width: 1);
float[] scaled = (float[])series.Clone();
scale.Normalize(scaled);
SequenceDataset Windows(int from, int to) => new(Enumerable.Range(from, to - from).Select(t =>
    SequenceExample.FromFeatures(scaled[(t - Window)..t], 1, SequenceTarget.Vector([scaled[t]]))));
var train = Windows(Window, firstValidation);
var validation = Windows(firstValidation, series.Length);

var model = new SequenceModel(new SequenceModelOptions { InputSize = 1, HiddenSize = 32, OutputSize = 1 }, seed: 1);
var report = new SequenceTrainer(model, new SequenceTrainerOptions { Epochs = epochs, LearningRate = 0.005 })
    .Fit(train, validation); // loss MSE and metric RMSE, picked from the value targets

// RMSE in sunspot numbers, against the naive forecast "next year = this year".
double rmse = report.ValidationMetric!.Value * scale.Std[0];
double naive = Math.Sqrt(Enumerable.Range(firstValidation, series.Length - firstValidation)
    .Average(t => Math.Pow(series[t] - series[t - 1], 2)));
Console.WriteLine($"rmse {rmse:F2} naive {naive:F2} ({validation.Count} years forecast, {report.StopReason})");

var next = model.Predict(Tensor<float>.From(scaled[^Window..], Window, 1, 1)).Span.ToArray(); // (T, B, F) → (B, 1)
scale.Denormalize(next);
Console.WriteLine($"forecast for {2008 + 1}: {next[0]:F1}");
