using Recurrent.Diagnostics;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Layers.Recurrent.StackModels;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// The four shapes of problem (docs/equations.md#bptt) end to end: stack → per-step dense head → summed squared error
/// under the shape's cost mask, on masked batches from a given (carried) initial state; float64 gradient checks of
/// every parameter (head included), of the inputs that exist (x, or x_0 alone) and of h_0.
/// </summary>
public class SequenceShapeTests
{
    private const int Steps = 4, Batch = 3, Outputs = 2;

    public static TheoryData<string, SequenceShape> Cases()
    {
        var data = new TheoryData<string, SequenceShape>();
        foreach (var family in new[] { "rnn-tanh", "lstm-peepholes", "gru", "gru-reset-before" })
            foreach (var shape in Enum.GetValues<SequenceShape>()) data.Add(family, shape);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ShapeWithHead_Masked_MatchesFiniteDifferences(string family, SequenceShape shape)
    {
        int[] lengths = [4, 2, 1];
        // a classifier may read both ways
        var options = Options(family, bidirectional: shape == SequenceShape.ManyToOne);
        var parameters = new ParameterSet<double>();
        var stack = new RecurrentStack<double>(parameters, options);
        var head = new TimeDistributed<double>(new Dense<double>(parameters, "head.", options.OutputSize, Outputs));
        parameters.Initialize(new Random(11));
        var rng = new Random(12);
        bool single = SequenceShapes.HasSingleInput(shape);
        var x0 = LayerCheck.Random(rng, Batch, InputSize);
        var full = LayerCheck.Random(rng, Steps, Batch, InputSize);
        var h0 = RandomStates(rng, options, Batch); // a state carried from an earlier chunk, held constant
        var target = LayerCheck.Random(rng, Steps * Batch, Outputs);
        var mask = SequenceShapes.CostMask<double>(shape, Steps, lengths, Batch);
        var loss = new SumSquaredError<double>();
        var dy = new Tensor<double>(Steps * Batch, Outputs);
        Tensor<double> Input() => single ? SequenceShapes.FirstStepOnly(x0, Steps) : full;
        double Cost(Tensor<double>? gradient)
        {
            var y = head.Forward(stack.Forward(Input(), lengths, h0));
            return loss.Compute(y.Reshape(Steps * Batch, Outputs), target, mask, gradient);
        }
        Tensor<double>? dx = null, dh0 = null;
        void Gradients()
        {
            parameters.ZeroGradients();
            Cost(dy);
            dx = stack.Backward(head.Backward(dy.Reshape(Steps, Batch, Outputs))).Clone();
            dh0 = stack.InitialHiddenGradient.Clone();
        }
        var check = CheckOptions(family, 13);
        var report = GradientChecker.Check(parameters, () => Cost(null), Gradients, check);
        Gradients();
        var dInput = single ? dx![0].Clone() : dx!;
        report = report.With(GradientChecker.CheckInput(single ? x0 : full, () => Cost(null), dInput, check,
            single ? "x0" : "x"),
            GradientChecker.CheckInput(h0, () => Cost(null), dh0!, check, "h0"));
        Approx.Passes(report);
        Assert.Contains(report.Results, r => r.Name == "head.weight");
    }

    [Fact]
    public void CostMask_MarksEveryRealStep_OrEachRowsLastRealStep()
    {
        int[] lengths = [3, 1, 0, 2];
        // rows t·B + b, B = 4
        double[] every = [1, 1, 0, 1, /* t1 */ 1, 0, 0, 1, /* t2 */ 1, 0, 0, 0];
        double[] last = [0, 1, 0, 0, /* t1 */ 0, 0, 0, 1, /* t2 */ 1, 0, 0, 0];
        Approx.Equal(every, SequenceShapes.CostMask<double>(SequenceShape.ManyToMany, 3, lengths, 4).Span, 0,
            "many-to-many");
        Approx.Equal(every, SequenceShapes.CostMask<double>(SequenceShape.OneToMany, 3, lengths, 4).Span, 0,
            "one-to-many");
        Approx.Equal(last, SequenceShapes.CostMask<double>(SequenceShape.ManyToOne, 3, lengths, 4).Span, 0,
            "many-to-one");
        Approx.Equal(last, SequenceShapes.CostMask<double>(SequenceShape.OneInputOneOutput, 3, lengths, 4).Span, 0,
            "SISO");
        Approx.Equal(new double[] { 0, 0, 1, 1 }, SequenceShapes.CostMask<double>(SequenceShape.ManyToOne, 2, [],
            2).Span, 0, "full rows");
    }

    [Fact]
    public void CostMask_RefusesLengthsOutsideTheSequence()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(()
            => SequenceShapes.CostMask<double>(SequenceShape.ManyToOne, 3, [2, 4], 2));
        Assert.Contains("lengths[1] = 4", e.Message);
        Assert.Throws<ShapeMismatchException>(() => SequenceShapes.CostMask<double>(SequenceShape.ManyToOne, 3, [2],
            2));
    }

    [Fact]
    public void FirstStepOnly_PutsTheInputAtStepZero_AndZerosAfter()
    {
        var x0 = LayerCheck.Random(new Random(3), 2, 3);
        var x = SequenceShapes.FirstStepOnly(x0, 3);
        Assert.Equal([3, 2, 3], x.Shape);
        Approx.Equal(x0.Span, x[0].Span, 0, "step 0");
        Approx.Equal(new double[12], x.Span[6..], 0, "steps 1 and 2");
    }

    /// <summary>Generation by Step with the output fed back equals a Forward over the inputs it fed, to
    /// rounding.</summary>
    [Theory]
    [InlineData("lstm-peepholes")]
    [InlineData("gru")]
    [InlineData("rnn-tanh")]
    public void Generate_FeedingOutputsBack_EqualsForwardOverTheFedInputs(string family)
    {
        const int steps = 5;
        var options = Options(family, layers: 2);
        var parameters = new ParameterSet<double>();
        var stack = new RecurrentStack<double>(parameters, options);
        var dense = new Dense<double>(parameters, "head.", HiddenSize, InputSize); // O = I, so outputs can be fed back
        parameters.Initialize(new Random(21));
        var x0 = LayerCheck.Random(new Random(22), Batch, InputSize);
        var generated = SequenceShapes.Generate(stack, dense, x0, steps);
        Assert.Equal([steps, Batch, InputSize], generated.Shape);

        var fed = new Tensor<double>(steps, Batch, InputSize); // [x0, ŷ0, ŷ1, …]
        x0.Span.CopyTo(fed[0].Span);
        generated.Span[..((steps - 1) * Batch * InputSize)].CopyTo(fed.Span[(Batch * InputSize)..]);
        var replay = new TimeDistributed<double>(dense).Forward(stack.Forward(fed));
        Approx.Equal(replay.Span, generated.Span, 1e-13, "generated vs replayed outputs");
    }

    [Fact]
    public void Generate_WithFeedback_WritesTheNextInputFromEachOutput()
    {
        var options = Options("gru", layers: 1);
        var parameters = new ParameterSet<double>();
        var stack = new RecurrentStack<double>(parameters, options);
        var dense = new Dense<double>(parameters, "head.", HiddenSize, 5);
        parameters.Initialize(new Random(31));
        var x0 = new Tensor<double>(1, InputSize);
        x0[0, 0] = 1;
        int calls = 0;
        var y = SequenceShapes.Generate(stack, dense, x0, 4, (output, next) =>
        {
            calls++;
            next.Clear();
            next[0, calls % InputSize] = 1; // e.g. a one-hot of a sampled symbol
        });
        Assert.Equal([4, 1, 5], y.Shape);
        Assert.Equal(3, calls); // no input is needed after the last step
    }

    [Fact]
    public void Generate_RefusesBidirectionalStacks()
    {
        var parameters = new ParameterSet<double>();
        var stack = new RecurrentStack<double>(parameters, Options("gru", bidirectional: true));
        var dense = new Dense<double>(parameters, "head.", 2 * HiddenSize, InputSize);
        parameters.Initialize(new Random(1));
        Assert.Throws<InvalidOperationException>(() => SequenceShapes.Generate(stack, dense, new Tensor<double>(1,
            InputSize), 2));
    }
}
