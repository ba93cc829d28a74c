using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// The layer's Backward reuses what its Forward's projection found about x (one-hot, and the column of each row's 1)
/// instead of scanning x again, unless the cell projected anything in between. Whatever runs between the two, the
/// parameter gradients must be the bits of a Forward followed at once by its Backward.
/// </summary>
public class OneHotReuseTests
{
    private const int Steps = 5, Batch = 4, Vocabulary = 7, Hidden = 6;

    [Theory]
    [InlineData("rnn")]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void ProjectionsInBetween_LeaveTheGradientsAsTheyWere(string kind)
    {
        var rng = new Random(11);
        var first = OneHotInput(rng);
        var second = OneHotInput(rng);
        var dyFirst = LayerCheck.Random(rng, Steps, Batch, Hidden).Convert<float>();
        var dySecond = LayerCheck.Random(rng, Steps, Batch, Hidden).Convert<float>();
        var stepInput = OneHotInput(rng, steps: 1).Reshape(Batch, Vocabulary);

        // Each Forward followed at once by its Backward: nothing in between, so each Backward reuses its own scan.
        var (parameters, a, b) = SharedCell(kind);
        a.Forward(first);
        a.BackwardWithoutInputGradient(dyFirst);
        b.Forward(second);
        b.BackwardWithoutInputGradient(dySecond);
        float[] expected = parameters.Gradients.ToArray();

        // Interleaved: a's Backward must rescan (the cell projected b's input since), and that rescan must not leave
        // b's Backward reusing a's columns. Then one-step inference between a Forward and its Backward.
        (parameters, a, b) = SharedCell(kind);
        a.Forward(first);
        b.Forward(second);
        a.BackwardWithoutInputGradient(dyFirst);
        b.BackwardWithoutInputGradient(dySecond);
        Same(expected, parameters.Gradients.ToArray(), $"{kind}, interleaved");

        (parameters, a, b) = SharedCell(kind);
        a.Forward(first);
        a.BackwardWithoutInputGradient(dyFirst);
        b.Forward(second);
        b.Step(stepInput, b.CreateState(Batch));
        b.BackwardWithoutInputGradient(dySecond);
        Same(expected, parameters.Gradients.ToArray(), $"{kind}, a step in between");
        Assert.Contains(expected, g => g != 0);
    }

    private static void Same(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(actual[i]),
                $"{what}: gradient {i} is {actual[i]:R}, {expected[i]:R} one after another");
    }

    // Two layers on one cell (shared weights), each with its own workspace.
    private static (ParameterSet<float>, RecurrentLayer<float>, RecurrentLayer<float>) SharedCell(string kind)
    {
        var parameters = new ParameterSet<float>();
        RecurrentCell<float> cell = kind switch
        {
            "lstm" => new LstmCell<float>(parameters, Vocabulary, Hidden),
            "gru" => new GruCell<float>(parameters, Vocabulary, Hidden),
            _ => new RnnCell<float>(parameters, Vocabulary, Hidden),
        };
        parameters.Initialize(new Random(3));
        return (parameters, new RecurrentLayer<float>(cell), new RecurrentLayer<float>(cell));
    }

    private static Tensor<float> OneHotInput(Random rng, int steps = Steps)
    {
        var x = new Tensor<float>(steps, Batch, Vocabulary);
        int[] text = new int[steps * Batch];
        for (int i = 0; i < text.Length; i++) text[i] = rng.Next(Vocabulary);
        OneHot.Fill(text, x);
        return x;
    }
}
