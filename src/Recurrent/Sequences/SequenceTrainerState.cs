namespace Recurrent.Sequences;

/// <summary>
/// Everything a <see cref="SequenceTrainer"/> needs besides the weights and the optimizer's state to continue a run
/// bit for bit; saved as JSON in last.state.safetensors.
/// </summary>
/// <param name="Step">Optimizer steps taken.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="BatchInEpoch">Batches of the current epoch already trained.</param>
/// <param name="EpochShuffleState">The shuffling source's state before it drew the current epoch's order.</param>
/// <param name="DropoutState">The dropout masks' source's state ("" when the model has none).</param>
/// <param name="Best">The best validation metric so far (meaningful when <paramref name="BestStep"/> is set).</param>
/// <param name="BestStep">The step of <paramref name="Best"/>, or null before the first evaluation.</param>
/// <param name="Stale">Evaluations since the metric last improved.</param>
/// <param name="LossSum">Σ of the training losses since the last evaluation.</param>
/// <param name="LossCount">How many losses <paramref name="LossSum"/> adds.</param>
/// <param name="StreamCursor">Where the token streams stand in a <see cref="SequenceTrainer.FitStreams"/> run, else
/// null (its carried state is saved beside, as tensors hidden.h and hidden.c).</param>
/// <param name="WeightsSha256">The SHA-256 of the weights saved beside this state, to refuse a mismatched pair.</param>
internal sealed record SequenceTrainerState(long Step = 0, int Epoch = 0, int BatchInEpoch = 0,
    string EpochShuffleState = "", string DropoutState = "", double Best = double.NaN, long? BestStep = null,
    int Stale = 0, double LossSum = 0, long LossCount = 0, Data.BatchCursor? StreamCursor = null,
    string WeightsSha256 = "");
