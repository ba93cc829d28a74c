using System.CommandLine;
using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Training;

namespace Recurrent.Cli.Commands;

/// <summary>For --resume: the shape flags not given on the command line are taken from the checkpoint (given ones are
/// checked against it by the trainer).</summary>
internal static class TrainResume
{
    public static TrainOptions FillFromCheckpoint(TrainOptions options, string path, Func<Option, bool> given,
        Option model, Option hidden, Option layers, Option embedding, Option dropout, Option peephole,
        Option seqLength, Option batchSize, Option optimizer, Option trainFrac, Option valFrac, Option tokens,
        Option minCount, Option lowercase, Option tieWeights)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
            throw new FileNotFoundException(
                $"--resume: '{path}' is neither a training output folder nor a file in one", path);
        var saved = CharTrainingCheckpoint.ReadRunInfo(path).ToOptions();
        return options with
        {
            Model = given(model) ? options.Model : CellKinds.Name(saved.Model),
            Hidden = given(hidden) ? options.Hidden : saved.HiddenSize,
            Layers = given(layers) ? options.Layers : saved.NumLayers,
            Embedding = given(embedding) ? options.Embedding : saved.Embedding,
            Dropout = given(dropout) ? options.Dropout : saved.Dropout,
            Peephole = given(peephole) ? options.Peephole : saved.Peepholes,
            SeqLength = given(seqLength) ? options.SeqLength : saved.SequenceLength,
            BatchSize = given(batchSize) ? options.BatchSize : saved.BatchSize,
            Optimizer = given(optimizer) ? options.Optimizer : saved.Optimizer,
            TrainFrac = given(trainFrac) ? options.TrainFrac : saved.TrainFraction,
            ValFrac = given(valFrac) ? options.ValFrac : saved.ValidationFraction,
            Tokens = given(tokens) ? options.Tokens : TextTokenization.Name(saved.Tokens.Kind),
            MinCount = given(minCount) ? options.MinCount : saved.Tokens.MinCount,
            Lowercase = given(lowercase) ? options.Lowercase : saved.Tokens.Lowercase,
            TieWeights = given(tieWeights) ? options.TieWeights : saved.TieWeights,
        };
    }

}
