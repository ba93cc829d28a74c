using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Models.CharModels;

namespace Recurrent.Tests.Models;

/// <summary>Truncated BPTT's carried state, generation by Step, dropout's modes, the config's JSON and the
/// messages.</summary>
public class CharLanguageModelBehaviourTests
{
    [Theory]
    [MemberData(nameof(Families), MemberType = typeof(CharModels))]
    public void CarriedState_AcrossTwoBatches_EqualsOneLongForward(string family, int embedding)
    {
        var model = new CharLanguageModel<double>(Config(family, embedding), new Random(31));
        int[] inputs = Indices(32, 2 * T * B); // (2T, B), time-major: the first T·B entries are the first batch
        var whole = model.Forward(inputs, 2 * T, B).Clone();
        var wholeH = model.FinalHidden.Clone();

        model.Forward(inputs.AsSpan(0, T * B), T, B);
        var first = model.Logits.Clone();
        var h = model.FinalHidden.Clone();
        var c = model.FinalCell?.Clone();
        var second = model.Forward(inputs.AsSpan(T * B), T, B, h, c);
        Approx.Equal(whole.Span[..(T * B * V)], first.Span, 1e-12, "first batch");
        Approx.Equal(whole.Span[(T * B * V)..], second.Span, 1e-12, "second batch from the carried state");
        Approx.Equal(wholeH.Span, model.FinalHidden.Span, 1e-12, "final h");
    }

    [Theory]
    [MemberData(nameof(Families), MemberType = typeof(CharModels))]
    public void Step_ReproducesForwardLogits(string family, int embedding)
    {
        var model = new CharLanguageModel<double>(Config(family, embedding), new Random(41));
        int[] inputs = Indices(42, T * B);
        var expected = model.Forward(inputs, T, B).Clone();
        var states = model.CreateStates(B);
        for (int t = 0; t < T; t++)
        {
            var z = model.Step(inputs.AsSpan(t * B, B), states);
            Approx.Equal(expected.Span.Slice(t * B * V, B * V), z.Span, 1e-12, $"step {t}");
        }
        Approx.Equal(model.FinalHidden.Span[..(B * H)], states[0].H.Span, 1e-12, "layer 0 h after the last step");
    }

    [Fact]
    public void Step_AfterAPrimedForward_ContinuesIt_AndAllocatesNothing()
    {
        var model = new CharLanguageModel<float>(Config("lstm", 3), new Random(51));
        int[] inputs = Indices(52, 2 * T * B);
        var whole = model.Forward(inputs, 2 * T, B).Clone();
        model.Forward(inputs.AsSpan(0, T * B), T, B);
        var states = model.CreateStates(B);
        model.CopyFinalStates(states);
        var first = model.Step(inputs.AsSpan(T * B, B), states); // the first call sizes the step workspaces
        Approx.Equal(whole.Span.Slice(T * B * V, B * V), first.Span, 1e-5, "step T from the primed state");
        long before = GC.GetAllocatedBytesForCurrentThread();
        Tensor<float>? z = null;
        for (int t = 1; t < T; t++) z = model.Step(inputs.AsSpan((T + t) * B, B), states);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Approx.Equal(whole.Span.Slice((2 * T - 1) * B * V, B * V), z!.Span, 1e-5, "the last step");
    }

    [Theory]
    [InlineData("lstm", 0)]
    [InlineData("gru", 3)]
    public void RepeatedTrainingSteps_AllocateNothing(string family, int embedding)
    {
        var model =
            new CharLanguageModel<float>(Config(family, embedding, dropout: 0.2), new Random(55), new Random(56));
        int[] inputs = Indices(57, T * B), targets = Indices(58, T * B);
        var dz = new Tensor<float>(T, B, V);
        var h = new Tensor<float>(L, B, H);
        var c = family == "lstm" ? new Tensor<float>(L, B, H) : null;
        void Pass()
        {
            model.Parameters.ZeroGradients();
            model.Forward(inputs, T, B, h, c);
            model.Loss(targets, null, dz);
            model.Backward(dz);
            model.FinalHidden.Span.CopyTo(h.Span); // truncated BPTT: carry the state, copied
            model.FinalCell?.Span.CopyTo(c!.Span);
        }
        Pass();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Pass();
        Pass();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"two training steps of a seen shape allocated {allocated} bytes");
    }

    [Fact]
    public void Dropout_ChangesTrainingPassesOnly()
    {
        var model = new CharLanguageModel<double>(Config("gru", 0, dropout: 0.5), new Random(61), new Random(62));
        int[] inputs = Indices(63, T * B);
        model.Training = false;
        var eval1 = model.Forward(inputs, T, B).Clone();
        var eval2 = model.Forward(inputs, T, B).Clone();
        Approx.Equal(eval1.Span, eval2.Span, 0, "evaluation is deterministic");
        model.Training = true;
        var train = model.Forward(inputs, T, B);
        double largest = 0;
        for (int i = 0; i < train.Length; i++) largest = Math.Max(largest, Math.Abs(train.Span[i] - eval1.Span[i]));
        Assert.True(largest > 1e-3, $"training with p = 0.5 should change the logits, largest change {largest:E2}");
        Assert.Throws<ArgumentNullException>(() =>
            new CharLanguageModel<double>(Config("gru", 0, dropout: 0.5), new Random(1)));
    }

    [Fact]
    public void Config_RoundTripsThroughJson_WithTheMetadataFieldNames()
    {
        var config = new CharLanguageModelConfig(CellKind.Gru, 65, 128, 3, 16, 0.25, false, GruForm.ResetBeforeProduct);
        string json = config.ToJson();
        Assert.Equal(
            """{"model":"gru","vocab_size":65,"hidden":128,"layers":3,"embedding":16,"dropout":0.25,"peephole":""" +
                """false,"gru_form":"spec"}""", json);
        Assert.Equal(config, CharLanguageModelConfig.FromJson(json));
        var lstm = new CharLanguageModelConfig(CellKind.Lstm, 5, 4, Peepholes: true);
        Assert.Equal(lstm, CharLanguageModelConfig.FromJson(lstm.ToJson()));
    }

    [Theory]
    [InlineData("""{"model":"lstm","vocab_size":5,"hidden":4}""", "no 'layers'")]
    [InlineData("""{"model":"tcn","vocab_size":5,"hidden":4,"layers":1}""",
        "model must be \"lstm\", \"gru\" or \"rnn\", got \"tcn\"")]
    [InlineData("""{"model":"gru","vocab_size":5,"hidden":4,"layers":1,"peephole":true}""",
        "peephole needs an lstm, got gru")]
    [InlineData("""{"model":"lstm","vocab_size":0,"hidden":4,"layers":1}""", "vocab_size must be at least 1, got 0")]
    [InlineData("""{"model":"lstm","vocab_size":5,"hidden":"4","layers":1}""", "hidden must be an integer")]
    [InlineData("""{"model":"lstm","vocab_size":5,"hidden":4,"layers":1,"dropout":1}""",
        "dropout must be in [0, 1), got 1")]
    [InlineData("""{"model":"gru","vocab_size":5,"hidden":4,"layers":1,"gru_form":"keras"}""",
        "gru_form must be \"pytorch\" or \"spec\"")]
    [InlineData("[1]", "config must be a JSON object")]
    [InlineData("{", "config is not valid JSON")]
    public void Config_Rejected_WithAClearMessage(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => CharLanguageModelConfig.FromJson(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void BadInputs_AreRejectedWithClearMessages()
    {
        var model = new CharLanguageModel<float>(Config("rnn", 0), new Random(71));
        Assert.Contains("inputs[3] = 7 is outside [0, 5)", Assert.Throws<ArgumentOutOfRangeException>(() =>
            model.Forward([0, 1, 2, 7], 2, 2)).Message);
        Assert.Contains("expected (T·B) = (2·2) = (4), got (3)", Assert.Throws<ShapeMismatchException>(() =>
            model.Forward([0, 1, 2], 2, 2)).Message);
        Assert.Contains("tokens[0] = -1", Assert.Throws<ArgumentOutOfRangeException>(() =>
            model.Step([-1], model.CreateStates(1))).Message);
        model.Forward([0, 1, 2, 3], 2, 2);
        Assert.Throws<ShapeMismatchException>(() => model.Loss([0, 1, 2, 3], null, new Tensor<float>(2, 2, 4)));
        Assert.Throws<ArgumentException>(() =>
            new CharLanguageModel<float>(new CharLanguageModelConfig(CellKind.Rnn, 5, 4, Peepholes: true),
            new Random(1)));
    }
}
