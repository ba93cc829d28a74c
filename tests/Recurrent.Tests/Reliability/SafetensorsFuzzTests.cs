using CsCheck;
using Recurrent.Models;
using Recurrent.Parameters.Serialization;
using Recurrent.Sequences;
using Recurrent.Training;
using Xunit.Abstractions;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Hostile safetensors files against every reader of them: the format itself, sequence model files, character
/// language model checkpoints and training state files. Each input is read or refused with an
/// <see cref="InvalidDataException"/> whose message is one line, within 1 s and a small multiple of its size in
/// allocations (<see cref="HostileInput"/>); <see cref="FuzzBudget"/> says how many inputs per reader.
/// </summary>
public sealed class SafetensorsFuzzTests(FuzzSeeds seeds, ITestOutputHelper output) : IClassFixture<FuzzSeeds>
{
    [Fact]
    public void TheFormat_MutatedFiles_AreReadOrRefusedWithATypedError()
    {
        var probe = new HostileInput("safetensors");
        var files = Mutations.Of([.. seeds.Models, seeds.CharModel, seeds.State]);
        FuzzBudget.ForEachCase(FuzzBudget.Cases,
            seed => files.Sample(input => probe.Check(input, ParseAll), iter: 1, threads: 1, seed: seed));
        output.WriteLine(probe.Summary());
    }

    [Fact]
    public void TheFormat_CraftedHeaders_AreReadOrRefusedWithATypedError()
    {
        var probe = new HostileInput("safetensors-crafted");
        FuzzBudget.ForEachCase(FuzzBudget.Cases, seed => CraftedSafetensors.Files.Sample(
            input => probe.Check(input, ParseAll), iter: 1, threads: 1, seed: seed));
        output.WriteLine(probe.Summary());
    }

    [Fact]
    public void ModelFiles_MutatedOrCrafted_AreLoadedOrRefusedWithATypedError()
    {
        var probe = new HostileInput("model");
        var files = Gen.Frequency((4, Mutations.Of([.. seeds.Models, seeds.CharModel])), (1, CraftedSafetensors.Files));
        FuzzBudget.ForEachCase(FuzzBudget.Cases, seed => files.Sample(
            input => probe.Check(input, bytes => SequenceModel.Load(seeds.Scratch(bytes))),
            iter: 1, threads: 1, seed: seed));
        output.WriteLine(probe.Summary());
    }

    [Fact]
    public void CharModelCheckpoints_Mutated_AreLoadedOrRefusedWithATypedError()
    {
        var probe = new HostileInput("charlm");
        var files = Mutations.Of(seeds.CharModel);
        FuzzBudget.ForEachCase(FuzzBudget.Cases, seed => files.Sample(
            input => probe.Check(input, bytes => CharLanguageModelCheckpoint.Load(seeds.Scratch(bytes))),
            iter: 1, threads: 1, seed: seed));
        output.WriteLine(probe.Summary());
    }

    [Fact]
    public void TrainingStateFiles_Mutated_AreReadOrRefusedWithATypedError()
    {
        var probe = new HostileInput("state");
        var states = Mutations.Of(seeds.State);
        FuzzBudget.ForEachCase(FuzzBudget.Cases, seed => states.Sample(input => probe.Check(input, bytes =>
        {
            var state = TrainingState.Load(seeds.Scratch(bytes));
            _ = (state.Step, state.Epoch, state.Cursor, state.RandomState, state.LossHistory);
            _ = state.GetOptimizer<float>();
            _ = state.GetJson<SequenceTrainerState>("sequence_trainer");
        }), iter: 1, threads: 1, seed: seed));
        output.WriteLine(probe.Summary());
    }

    private static void ParseAll(byte[] bytes)
    {
        foreach (var tensor in SafetensorsFile.Parse(bytes).Tensors) _ = tensor.ToArray<double>();
    }
}
