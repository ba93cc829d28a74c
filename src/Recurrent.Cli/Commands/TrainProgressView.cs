using System.Globalization;
using Recurrent.Training;

namespace Recurrent.Cli.Commands;

/// <summary>
/// Shows a training run: a live status line on a terminal, plain log lines otherwise; validation losses and samples
/// either way. On a terminal the samples and validation lines are printed above the live line, which is erased
/// before and redrawn after them (<see cref="LiveLine"/>). A word model's losses are per token, with perplexity in
/// place of bits per character.
/// </summary>
internal static class TrainProgressView
{
    /// <summary>Redraws of the live line closer together than this are skipped: a terminal cannot show more.</summary>
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    public static CharTrainingReport Train(CharModelTrainer trainer, int logEvery, CliContext context)
    {
        bool words = trainer.Data.Vocabulary.Tokenization.Kind == Data.TokenKind.Words;
        if (!context.Interactive)
            return trainer.Train(new InlineProgress<CharTrainingProgress>(p =>
            {
                if (p.Step % logEvery == 0) context.Out.WriteLine(words ? WordLine(p) : Line(p));
                Extras(p, context.Out.WriteLine, words);
            }));

        var live = new LiveLine(context.Out, context.Console.Profile.Width, RedrawInterval);
        live.Update("starting…");
        try
        {
            return trainer.Train(new InlineProgress<CharTrainingProgress>(p => Show(p, live, words)));
        }
        finally
        {
            live.Finish(); // also when training throws or is cancelled, so the error starts on a line of its own
        }
    }

    /// <summary>One report on a terminal: the extras above the live line, then the live line updated.</summary>
    internal static void Show(CharTrainingProgress p, LiveLine live, bool words = false)
    {
        live.Update(StatusLine(p, live.Width));
        Extras(p, live.WriteAbove, words);
    }

    private static string Line(CharTrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"step {p.Step,6}  epoch {p.Epoch:F2}  loss {p.TrainLoss:F4} nats {p.TrainBpc:F3} bpc  " +
            $"{p.CharsPerSecond,7:N0} chars/s  ETA {p.Remaining:hh\\:mm\\:ss}  grad {p.GradientNorm:F2}  " +
                $"update/param {p.UpdateRatio:0.0e+0}");

    private static string WordLine(CharTrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"step {p.Step,6}  epoch {p.Epoch:F2}  loss {p.TrainLoss:F4} nats/token (perplexity " +
            $"{Math.Exp(p.TrainLoss):F1})  {p.CharsPerSecond,7:N0} tokens/s  ETA {p.Remaining:hh\\:mm\\:ss}  lr " +
                $"{p.LearningRate:G3}  grad {p.GradientNorm:F2}");

    /// <summary>The live line: the figures of <see cref="Line"/>, compact, then a bar and the share done.</summary>
    private static string StatusLine(CharTrainingProgress p, int width)
    {
        string figures = string.Create(CultureInfo.InvariantCulture,
            $"step {p.Step} ep {p.Epoch:F2} loss {p.TrainLoss:F3} ({p.TrainBpc:F2} bpc) " +
                $"{p.CharsPerSecond / 1000:F1}k ch/s ETA {p.Remaining:hh\\:mm\\:ss} |g| {p.GradientNorm:F2} upd " +
                    $"{p.UpdateRatio:0.0e+0}");
        double done = Math.Clamp(p.Done, 0, 1);
        string percent = string.Create(CultureInfo.InvariantCulture, $"{done * 100,3:F0}%");
        int barWidth = Math.Min(40, width - 1 - figures.Length - 1 - percent.Length - 1);
        if (barWidth < 10) return $"{figures} {percent}";
        int filled = (int)Math.Round(done * barWidth);
        return $"{figures} {new string('━', filled)}{new string('─', barWidth - filled)} {percent}";
    }

    private static void Extras(CharTrainingProgress p, Action<string> write, bool words)
    {
        if (p.ValidationLoss is double w && words)
            write(string.Create(CultureInfo.InvariantCulture,
                $"step {p.Step,6}  validation loss {w:F4} nats/token (perplexity {Math.Exp(w):F2})  at " +
                    $"{(int)p.Elapsed.TotalMinutes}:{p.Elapsed.Seconds:00} into this run"));
        else if (p.ValidationLoss is double v)
            write(string.Create(CultureInfo.InvariantCulture,
                $"step {p.Step,6}  validation loss {v:F4} nats/char ({v / Math.Log(2):F4} bpc)  at " +
                    $"{(int)p.Elapsed.TotalMinutes}:{p.Elapsed.Seconds:00} into this run"));
        if (p.Sample is string s) write($"sample at step {p.Step}:\n{s}\n");
    }
}
