using Recurrent.Layers.Recurrent;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Layers.Recurrent.RecurrentModels;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>Workspaces are allocated once per shape: repeated passes of one shape allocate nothing at all (float, as
/// training runs).</summary>
public class RecurrentAllocationTests
{
    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(RecurrentModels))]
    public void SecondForwardBackward_OfOneShape_AllocatesNothing(string kind)
    {
        var options = new RecurrentLayerOptions(Reverse: kind == "gru", TruncationHorizon: 3,
            RecordStepGradientNorms: true);
        var (layer, parameters) = Build<float>(kind, options);
        var rng = new Random(61);
        var x = LayerCheck.Random(rng, 6, 3, InputSize).Convert<float>();
        var g = LayerCheck.Random(rng, 6, 3, HiddenSize).Convert<float>();
        int[] lengths = [6, 4, 1];
        var initial = layer.CreateState(3);
        var gFinal = layer.CreateState(3);
        void Pass()
        {
            layer.Forward(x, lengths, initial);
            layer.Backward(g, gFinal);
            initial.CopyFrom(layer.FinalState); // stateful training: carry the state into the next chunk
        }
        Pass();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Pass();
        Pass();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"two Forward + Backward passes of a seen shape allocated {allocated} bytes");
        Assert.True(float.IsFinite(parameters.Gradients[0]), "gradients computed");
    }

    [Theory]
    [MemberData(nameof(FamilyData), MemberType = typeof(RecurrentModels))]
    public void Step_AfterTheFirstCall_AllocatesNothing(string kind)
    {
        var (layer, _) = Build<float>(kind);
        var x = LayerCheck.Random(new Random(71), 2, InputSize).Convert<float>();
        var state = layer.CreateState(2);
        layer.Step(x, state);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) layer.Step(x, state);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"ten inference steps allocated {allocated} bytes");
    }
}
