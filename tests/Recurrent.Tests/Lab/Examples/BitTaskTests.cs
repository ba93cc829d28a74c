using System.Numerics;
using Recurrent.Lab.Examples;

namespace Recurrent.Tests.Lab.Examples;

/// <summary>The bit tasks' data, batches, scoring and curriculum, checked against independent arithmetic.</summary>
public class BitTaskTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(40)]
    public void Addition_TargetsAreTheBitsOfTheSum(int bits)
    {
        var task = new BinaryAdditionTask();
        var rng = new Random(bits);
        for (int trial = 0; trial < 50; trial++)
        {
            var inputs = new float[2 * (bits + 1)];
            var targets = new int[bits + 1];
            task.Sample(rng, bits, inputs, targets);
            BigInteger a = 0, b = 0, sum = 0;
            for (int t = bits; t >= 0; t--) // least significant first: read back from the top
            {
                a = 2 * a + (int)inputs[2 * t];
                b = 2 * b + (int)inputs[2 * t + 1];
                sum = 2 * sum + targets[t];
            }
            Assert.True(inputs[2 * bits] == 0 && inputs[2 * bits + 1] == 0, "the last step reads (0, 0)");
            Assert.Equal(a + b, sum);
        }
    }

    [Fact]
    public void Parity_LastTargetIsTheParityOfTheOnes()
    {
        var task = new ParityTask();
        var rng = new Random(3);
        for (int length = 1; length <= 30; length++)
        {
            var inputs = new float[length];
            var targets = new int[length];
            task.Sample(rng, length, inputs, targets);
            int ones = inputs.Count(x => x > 0.5f);
            Assert.Equal(ones % 2, targets[^1]);
        }
    }

    [Fact]
    public void Batch_MaskCountsEveryRealStepForAdditionAndTheLastForParity()
    {
        var rng = new Random(5);
        var addition = new BitBatch(new BinaryAdditionTask(), 16, 8);
        addition.Fill(rng, 1, 8);
        var parity = new BitBatch(new ParityTask(), 16, 10);
        parity.Fill(rng, 1, 10);
        for (int b = 0; b < 16; b++)
        {
            for (int t = 0; t < addition.Steps; t++)
                Assert.Equal(t < addition.Lengths[b] ? 1f : 0f, addition.Mask.Span[t * 16 + b]);
            for (int t = 0; t < parity.Steps; t++)
                Assert.Equal(t == parity.Lengths[b] - 1 ? 1f : 0f, parity.Mask.Span[t * 16 + b]);
        }
        Assert.InRange(addition.Lengths.Min(), 2, 9);
        Assert.InRange(parity.Lengths.Max(), 1, 10);
    }

    [Fact]
    public void Accuracy_CountsWholeSequencesAndBits()
    {
        var batch = new BitBatch(new BinaryAdditionTask(), 2, 3);
        batch.Fill(new Random(1), 3, 3);                  // two rows of 4 counted steps
        var predicted = batch.Classes.ToArray();
        predicted[1 * 2 + 1] ^= 1;                        // one wrong bit in row 1
        var score = BitAccuracy.Score(batch, predicted);
        Assert.InRange(score.Sequences, 0.5 - 1e-12, 0.5 + 1e-12);
        Assert.InRange(score.Bits, 7.0 / 8 - 1e-12, 7.0 / 8 + 1e-12);
    }

    [Fact]
    public void Curriculum_GrowsFromTwoToTheTrainingLength()
    {
        var options = new BitTaskOptions { Steps = 100, TrainLength = 10, Curriculum = 0.5 };
        Assert.Equal(2, BitTaskExperiment.LongestAt(1, options));
        Assert.Equal(5, BitTaskExperiment.LongestAt(25, options));
        Assert.Equal(10, BitTaskExperiment.LongestAt(50, options));
        Assert.Equal(10, BitTaskExperiment.LongestAt(100, options));
        Assert.Equal(10, BitTaskExperiment.LongestAt(1, options with { Curriculum = 0 }));
    }

    [Fact]
    public void Mlp_SeesOnlyItsWindowAndPredictsZeroBeyondItsOutputs()
    {
        var task = new BinaryAdditionTask();
        var mlp = new BitMlp(task, trainLength: 4, hiddenSize: 8, new Random(1));
        var batch = new BitBatch(task, 3, 20);
        batch.Fill(new Random(2), 20, 20);
        var predicted = mlp.Predict(batch);
        for (int t = mlp.Outputs; t < batch.Steps; t++)
            for (int b = 0; b < 3; b++) Assert.Equal(0, predicted[t * 3 + b]);
        Assert.Equal(5, mlp.Outputs);
    }

    [Fact]
    public void Parity_RnnTrainedOnTenBitsIsRightOnHundredBits()
    {
        var report =
            BitTaskExperiment.Run(new ParityTask(),
            BitTaskOptions.For("parity") with { Seed = 1, Steps = 2000, TestCount = 300 });
        Assert.True(report.Rnn.Long.Sequences >= 0.99, $"RNN accuracy on length 100: {report.Rnn.Long.Sequences:P1}");
        Assert.InRange(report.Mlp.Long.Sequences, 0.35, 0.65); // the fixed-width MLP is at chance
    }

    [Fact]
    public void Addition_RnnTrainedOnEightBitsAddsThirtyTwoBitNumbers()
    {
        var report =
            BitTaskExperiment.Run(new BinaryAdditionTask(),
            BitTaskOptions.For("binary-addition") with { Seed = 1, Steps = 1000, TestCount = 300 });
        Assert.True(report.Rnn.Long.Sequences >= 0.99,
            $"RNN exact accuracy on 32-bit sums: {report.Rnn.Long.Sequences:P1}");
        Assert.True(report.Mlp.Long.Sequences <= 0.05,
            $"MLP exact accuracy on 32-bit sums: {report.Mlp.Long.Sequences:P1}");
    }
}
