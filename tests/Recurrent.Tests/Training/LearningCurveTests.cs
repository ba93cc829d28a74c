using Recurrent.Training;

namespace Recurrent.Tests.Training;

public class LearningCurveTests
{
    [Fact]
    public void ToCsv_HasHeaderInvariantNumbersAndEmptyMissingValidation()
    {
        var curve = new LearningCurve();
        curve.Add(0, 4.1743);
        curve.Add(100, 2.5, 2.75);
        curve.Add(200, 0.1 + 0.2);
        Assert.Equal("step,train_loss,val_loss\n0,4.1743,\n100,2.5,2.75\n200,0.30000000000000004,\n", curve.ToCsv());
    }

    [Fact]
    public void Add_StepGoingBackwards_IsRejected()
    {
        var curve = new LearningCurve();
        curve.Add(5, 1.0);
        curve.Add(5, 0.9, 1.1); // a validation point at the same step is fine
        Assert.Contains("got step 4 after step 5", Assert.Throws<ArgumentException>(() => curve.Add(4, 1.0)).Message);
    }

    [Fact]
    public void WriteCsv_WritesFile()
    {
        var directory = Directory.CreateTempSubdirectory("curve-").FullName;
        try
        {
            var curve = new LearningCurve();
            for (int step = 0; step <= 2000; step += 50)
                curve.Add(step, 1.3 + 3 * Math.Exp(-step / 300.0), step % 250 == 0 ? 1.45 + 3 * Math.Exp(-step / 320.0)
                    : null);
            curve.WriteCsv(Path.Combine(directory, "loss.csv"));
            Assert.Equal(42, File.ReadAllLines(Path.Combine(directory, "loss.csv")).Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
