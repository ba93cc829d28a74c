using System.CommandLine;
using Recurrent.Lab.Vanishing;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent vanishing</c>: gradient norms through a deep MLP at initialisation and along time in
/// RNN/LSTM/GRU, as SVG + CSV figures and a report.</summary>
public static class VanishingCommand
{
    public static Command Create(CliContext context)
    {
        var d = new VanishingOptions();
        var output =
            new Option<string>("--out") { Description = "Folder for the figures (SVG + CSV) and report.md",
            DefaultValueFactory = _ => d.Out };
        var layers = OptionFactory.PositiveInt("--layers", "Hidden layers of the deep MLP", d.Layers);
        var width = OptionFactory.PositiveInt("--width", "Units per hidden layer", d.Width);
        var samples =
            OptionFactory.PositiveInt("--samples", "Images in the batch gradient (the bundled subset has 1,000)",
            d.Samples);
        var instances =
            OptionFactory.PositiveInt("--instances",
            "Images whose single-instance gradients are measured (mean of their norms per neuron)", d.Instances);
        var init =
            OptionFactory.Choice("--init", "Initial weights of the deep MLP", "he-glorot", "he-glorot", "pytorch");
        var steps = OptionFactory.PositiveInt("--steps", "Sequence length T of the recurrent measurement", d.Steps);
        var hidden = OptionFactory.PositiveInt("--hidden", "Hidden size H of the recurrent cells", d.Hidden);
        var trainSteps =
            new Option<int>("--train-steps") { Description = "Adam steps before the second recurrent measurement",
            DefaultValueFactory = _ => d.TrainSteps };
        var seed =
            new Option<int>("--seed") { Description = "Seed for initialisation, sequences and training",
            DefaultValueFactory = _ => d.Seed };
        var images =
            new Option<string?>("--images") { Description =
            "IDX images file, optionally gzipped [default: bundled data/fashion-mnist-1k-images-idx3-ubyte.gz]" };
        var labels =
            new Option<string?>("--labels") { Description =
            "IDX labels file, optionally gzipped [default: bundled data/fashion-mnist-1k-labels-idx1-ubyte.gz]" };
        var command =
            new Command("vanishing",
            "Vanishing gradients: per-neuron gradient norms through a deep MLP at initialisation, and ‖∂C_T/∂h_t‖ " +
            "along time for RNN/LSTM/GRU; writes SVG, CSV and report.md")
        {
            output, layers, width, samples, instances, init, steps, hidden, trainSteps, seed, images, labels,
        };
        command.SetAction(parse =>
        {
            var options = new VanishingOptions
            {
                Out = parse.GetValue(output)!,
                Layers = parse.GetValue(layers),
                Width = parse.GetValue(width),
                Samples = parse.GetValue(samples),
                Instances = parse.GetValue(instances),
                Init = parse.GetValue(init)!.Equals("pytorch", StringComparison.OrdinalIgnoreCase) ? MlpInit.PyTorch
                    : MlpInit.HeGlorot,
                Steps = parse.GetValue(steps),
                Hidden = parse.GetValue(hidden),
                TrainSteps = parse.GetValue(trainSteps),
                Seed = parse.GetValue(seed),
                Images = parse.GetValue(images) ?? DataFiles.Bundled("fashion-mnist-1k-images-idx3-ubyte.gz"),
                Labels = parse.GetValue(labels) ?? DataFiles.Bundled("fashion-mnist-1k-labels-idx1-ubyte.gz"),
            };
            return Run(options, context);
        });
        return command;
    }

    public static int Run(VanishingOptions options, CliContext context)
    {
        if (options.TrainSteps < 0) throw new ArgumentException($"--train-steps must be ≥ 0, got {options.TrainSteps}");
        foreach (string line in VanishingAnalysis.Run(options, new SyncProgress(context.Error)))
            context.Out.WriteLine(line);
        context.Out.WriteLine($"wrote figures, CSV and report.md to {options.Out}");
        return Program.Success;
    }

    /// <summary>Writes progress at once on the calling thread (Progress&lt;T&gt; would post it to the thread pool, out
    /// of order).</summary>
    private sealed class SyncProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
