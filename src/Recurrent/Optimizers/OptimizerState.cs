namespace Recurrent.Optimizers;

/// <summary>
/// Everything an optimizer carries from one step to the next, for a checkpoint: the number of steps taken and
/// its per-parameter vectors under PyTorch's names ("momentum_buffer", "sum", "square_avg", "grad_avg",
/// "exp_avg", "exp_avg_sq"). The learning rate is not part of it: a schedule sets that from the step.
/// </summary>
/// <param name="Step">Steps taken so far (the t of the last update).</param>
/// <param name="Vectors">Name → one value per parameter; empty before the first step and for stateless plain
/// SGD.</param>
public sealed record OptimizerState<T>(int Step, IReadOnlyDictionary<string, T[]> Vectors)
    where T : unmanaged, IFloatingPointIeee754<T>;
