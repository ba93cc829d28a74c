using System.Globalization;
using Recurrent.Training;
using Spectre.Console;

namespace Recurrent.Cli.Commands;

/// <summary>Shows a training run: a live bar on a terminal, plain log lines otherwise; validation losses and samples either way.</summary>
internal static class TrainProgressView
{
    public static CharTrainingReport Train(CharModelTrainer trainer, int logEvery, CliContext context)
    {
        if (!context.Interactive)
            return trainer.Train(new InlineProgress<CharTrainingProgress>(p =>
            {
                if (p.Step % logEvery == 0) context.Out.WriteLine(Line(p));
                Extras(p, context.Out.WriteLine);
            }));

        CharTrainingReport? report = null;
        context.Console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask("starting…", maxValue: 1);
                report = trainer.Train(new InlineProgress<CharTrainingProgress>(p =>
                {
                    bar.Description = Markup.Escape(ShortLine(p));
                    bar.Value = p.Done;
                    Extras(p, line => context.Console.WriteLine(line));
                }));
                bar.Value = 1;
            });
        return report!;
    }

    private static string Line(CharTrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"step {p.Step,6}  epoch {p.Epoch:F2}  loss {p.TrainLoss:F4} nats {p.TrainBpc:F3} bpc  {p.CharsPerSecond,7:N0} chars/s  " +
        $"ETA {p.Remaining:hh\\:mm\\:ss}  grad {p.GradientNorm:F2}  update/param {p.UpdateRatio:0.0e+0}");

    /// <summary>The bar's description: the same figures as <see cref="Line"/>, compact enough to leave room for the bar in 120 columns.</summary>
    private static string ShortLine(CharTrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"step {p.Step} ep {p.Epoch:F2} loss {p.TrainLoss:F3} ({p.TrainBpc:F2} bpc) {p.CharsPerSecond / 1000:F1}k ch/s ETA {p.Remaining:hh\\:mm\\:ss} |g| {p.GradientNorm:F2} upd {p.UpdateRatio:0.0e+0}");

    private static void Extras(CharTrainingProgress p, Action<string> write)
    {
        if (p.ValidationLoss is double v)
            write(string.Create(CultureInfo.InvariantCulture, $"step {p.Step,6}  validation loss {v:F4} nats/char ({v / Math.Log(2):F4} bpc)  at {(int)p.Elapsed.TotalMinutes}:{p.Elapsed.Seconds:00} into this run"));
        if (p.Sample is string s) write($"sample at step {p.Step}:\n{s}\n");
    }
}
