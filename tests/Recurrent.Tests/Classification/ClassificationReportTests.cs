using System.Text.Json;
using Recurrent.Classification;

namespace Recurrent.Tests.Classification;

/// <summary>The report's figures against counts done by hand, and the two baselines on examples worked out
/// below.</summary>
public sealed class ClassificationReportTests
{
    [Fact]
    public void Metrics_MatchAHandCount()
    {
        // actual:    0 0 0 1 1 2
        // predicted: 0 0 1 1 2 2   → C = [[2,1,0],[0,1,1],[0,0,1]]
        var report = new ClassificationReport(["a", "b", "c"], [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], 0.5);
        Assert.Equal(4 / 6.0, report.Accuracy, 12);
        Assert.Equal((2, 1, 0), (report.Confusion(0, 0), report.Confusion(0, 1), report.Confusion(0, 2)));
        // a: precision 2/2, recall 2/3; b: 1/2, 1/2; c: 1/2, 1/1
        double[] precision = [1, 0.5, 0.5], recall = [2 / 3.0, 0.5, 1];
        for (int k = 0; k < 3; k++)
        {
            var m = report.PerClass[k];
            Assert.Equal(precision[k], m.Precision, 12);
            Assert.Equal(recall[k], m.Recall, 12);
            Assert.Equal(2 * precision[k] * recall[k] / (precision[k] + recall[k]), m.F1, 12);
        }
        Assert.Equal([3, 2, 1], report.PerClass.Select(m => m.Support));
    }

    [Fact]
    public void Json_HasTheDocumentedFields()
    {
        var report = new ClassificationReport(["a", "b"], [0, 1, 1], [0, 1, 0], 0.25);
        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        Assert.Equal(2 / 3.0, root.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(0.25, root.GetProperty("loss").GetDouble());
        Assert.Equal(3, root.GetProperty("examples").GetInt32());
        var b = root.GetProperty("per_class")[1];
        Assert.Equal("b", b.GetProperty("class").GetString());
        Assert.Equal((1.0, 0.5, 2), (b.GetProperty("precision").GetDouble(), b.GetProperty("recall").GetDouble(),
            b.GetProperty("support").GetInt32()));
        Assert.Equal(1, root.GetProperty("confusion")[1][0].GetInt32());
    }

    [Fact]
    public void ClassesNeverPredicted_HaveZeroPrecision_NotADivisionByZero()
    {
        var report = new ClassificationReport(["a", "b"], [0, 1], [0, 0], 0);
        Assert.Equal((0.0, 0.0, 0.0), (report.PerClass[1].Precision, report.PerClass[1].Recall, report.PerClass[1].F1));
        Assert.Contains("confusion matrix", report.ToText());
    }

    [Fact]
    public void Majority_AnswersTheMostFrequentTrainingClass()
    {
        var baseline = new MajorityClassBaseline([1, 1, 0, 2, 1], 3);
        Assert.Equal(1, baseline.ClassId);
        Assert.Equal(0.5, baseline.Accuracy([1, 0, 1, 2]));
    }

    [Fact]
    public void SuffixNaiveBayes_MatchesTheFormulaWorkedByHand()
    {
        // One letter. Class 0: "anna", "maria", "eve"; class 1: "bob", "tom".
        // P(c): (3+1)/(5+2) and (2+1)/(5+2). Suffixes seen: a, e, b, m → |S| = 4.
        // "lea" ends in 'a': class 0: log(4/7) + log((2+1)/(3+4+1)); class 1: log(3/7) + log((0+1)/(2+4+1)).
        var nb = new SuffixNaiveBayes(1, [("anna", 0), ("maria", 0), ("eve", 0), ("bob", 1), ("tom", 1)], 2);
        double a0 = Math.Log(4 / 7.0) + Math.Log(3 / 8.0), a1 = Math.Log(3 / 7.0) + Math.Log(1 / 7.0);
        Assert.True(a0 > a1);
        Assert.Equal(0, nb.Predict("Lea"));
        // "jim" ends in 'm': class 0: log(4/7) + log(1/8) = −2.64; class 1: log(3/7) + log(2/7) = −2.10.
        Assert.Equal(1, nb.Predict("jim"));
        Assert.Equal(1.0, nb.Accuracy([("lea", 0), ("jim", 1)]));
    }
}
