using Recurrent.Cli;
using Recurrent.Cli.Commands;
using Recurrent.Training;

namespace Recurrent.Tests.Cli;

/// <summary>The live training line on a terminal, with samples and validation lines printed above it.</summary>
public class TrainProgressViewTests
{
    private const int Width = 120;

    private static CharTrainingProgress Progress(long step, double? validation = null, string? sample = null) =>
        new(Step: step, Epoch: step / 100.0, TrainLoss: 1.355, GradientNorm: 0.31, UpdateRatio: 1.1e-2,
            LearningRate: 2e-3, CharsPerSecond: 66_700, Elapsed: TimeSpan.FromSeconds(step),
            Remaining: TimeSpan.FromSeconds(100 - step), Done: step / 100.0, ValidationLoss: validation,
            Sample: sample);

    [Fact]
    public void Sample_IsPrintedWholeAboveTheLiveLine_WhichFollowsIt()
    {
        // The first line is short and the second long, as when the old live line's redraw left
        // "heep 7999 ep 17.70 loss 1.355 …" where the sample began "he".
        string sample = "he\nwhale, the white whale, " + new string('x', 80) + "\n\nCall me Ishmael.";
        var terminal = new StringWriter();
        var live = new LiveLine(terminal, Width, TimeSpan.Zero);

        TrainProgressView.Show(Progress(19), live);
        TrainProgressView.Show(Progress(20, validation: 1.8696, sample: sample), live);
        TrainProgressView.Show(Progress(21), live);
        live.Finish();

        var screen = VirtualTerminal.Screen(terminal.ToString(), Width);
        string[] expected =
        [
            "step     20  validation loss 1.8696 nats/char (2.6973 bpc)  at 0:20 into this run",
            "sample at step 20:",
            .. sample.Split('\n'),
            "",
        ];
        int start = screen.ToList().IndexOf(expected[0]);
        Assert.True(start == 0, $"expected the validation line first; screen:\n{string.Join('\n', screen)}");
        Assert.Equal(expected, screen.Skip(start).Take(expected.Length));
        string live21 = screen[expected.Length];
        Assert.StartsWith("step 21 ep 0.21 loss 1.355", live21);
        Assert.EndsWith(" 21%", live21);
        Assert.True(live21.Length < Width, $"live line of {live21.Length} columns wraps a {Width}-column terminal");
        // The live line, then the empty line Finish leaves the cursor on.
        Assert.Equal(expected.Length + 2, screen.Count);
        Assert.Equal("", screen[^1]);
    }

    [Fact]
    public void LiveLine_IsErasedBeforeEachRedraw_AndCutToTheWidth()
    {
        var terminal = new StringWriter();
        var live = new LiveLine(terminal, 30, TimeSpan.Zero);
        live.Update(new string('a', 50));
        live.Update("short");
        live.WriteAbove("line\rwith a carriage return");
        live.Finish();

        string raw = terminal.ToString();
        Assert.Contains("\r\u001b[2Kshort", raw);
        var screen = VirtualTerminal.Screen(raw, 30);
        Assert.Equal(["line", "with a carriage return", "short", ""], screen);
    }
}
