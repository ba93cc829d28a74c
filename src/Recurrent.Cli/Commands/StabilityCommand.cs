using System.CommandLine;
using Recurrent.Lab.Stability;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent stability</c>: the recursions of docs/equations.md#stability (linear, scalar,
/// vector, multi-tap) as SVG + CSV figures and a report.</summary>
public static class StabilityCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new StabilityOptions();
        var output =
            new Option<string>("--out") { Description = "Folder for the figures (SVG + CSV) and report.md",
            DefaultValueFactory = _ => defaults.Out };
        var size =
            OptionFactory.PositiveInt("--size", "State size N of the linear recursion and the vector process",
            defaults.Size);
        var steps = OptionFactory.PositiveInt("--steps", "Steps T after the input at t = 0", defaults.Steps);
        var seed =
            new Option<int>("--seed") { Description = "Seed for the constructed W matrices", DefaultValueFactory = _ =>
            defaults.Seed };
        var matrix =
            new Option<string?>("--matrix") { Description =
            "A square W to analyse beside the constructed ones (one row per line, numbers separated by spaces or " +
            "commas)" };
        var checkpoint =
            new Option<string?>("--checkpoint") { Description =
            "A safetensors checkpoint: spectral radius and singular values of each weight_hh_l{k} and gate block; " +
            "for a character language model also the step Jacobian norms along --text" };
        var text =
            new Option<string?>("--text") { Description =
            "Text fed to a character language model checkpoint for its step Jacobians (default: the bundled " +
            "moby-dick.txt)" };
        var jacobianSteps =
            OptionFactory.PositiveInt("--jacobian-steps", "Characters of --text read, one step Jacobian per layer each",
            defaults.JacobianSteps);
        var command =
            new Command("stability",
            "Stability of recurrences: linear (eigenvalues), scalar and vector nonlinear, multi-tap; writes SVG, CSV " +
            "and report.md")
        {
            output, size, steps, seed, matrix, checkpoint, text, jacobianSteps,
        };
        command.SetAction(parse =>
        {
            var options = new StabilityOptions
            {
                Out = parse.GetValue(output)!,
                Size = parse.GetValue(size),
                Steps = parse.GetValue(steps),
                Seed = parse.GetValue(seed),
                MatrixFile = parse.GetValue(matrix),
                Checkpoint = parse.GetValue(checkpoint),
                Text = parse.GetValue(checkpoint) is null ? null
                    : parse.GetValue(text) ?? DataFiles.Bundled("moby-dick.txt"),
                JacobianSteps = parse.GetValue(jacobianSteps),
            };
            return Run(options, context);
        });
        return command;
    }

    public static int Run(StabilityOptions options, CliContext context)
    {
        foreach (string line in StabilityAnalysis.Run(options)) context.Out.WriteLine(line);
        context.Out.WriteLine($"wrote figures, CSV and report.md to {options.Out}");
        return Program.Success;
    }
}
