using System.Xml.Linq;
using Recurrent.Lab.Plotting;
using Recurrent.Training;

namespace Recurrent.Tests.Lab.Plotting;

/// <summary>The learning-curve chart, which moved from the core's LearningCurve to the lab with the rest of the
/// plotting.</summary>
public class LearningCurveChartTests
{
    [Fact]
    public void ToChart_HasTrainAndValidationSeries()
    {
        var curve = new LearningCurve([new(10, 3.0, 3.2), new(20, 2.5), new(30, 2.0, 2.4)]);
        var chart = curve.Points.ToChart();
        Assert.Equal(["train", "validation"], chart.Series.Select(s => s.Name));
        Assert.Equal([10.0, 30.0], chart.Series[1].X);
        XDocument.Parse(chart.ToSvg());

        Assert.Single(new LearningCurve([new(1, 3.0)]).Points.ToChart().Series); // no validation yet, no empty series
    }

    [Fact]
    public void WriteSvg_WritesFile()
    {
        var directory = Directory.CreateTempSubdirectory("curve-").FullName;
        try
        {
            var curve = new LearningCurve();
            for (int step = 0; step <= 2000; step += 50)
                curve.Add(step, 1.3 + 3 * Math.Exp(-step / 300.0), step % 250 == 0 ? 1.45 + 3 * Math.Exp(-step / 320.0)
                    : null);
            curve.WriteSvg(Path.Combine(directory, "loss.svg"));
            XDocument.Load(Path.Combine(directory, "loss.svg"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
