using Recurrent.Parameters;

namespace Recurrent.Optimizers;

/// <summary>
/// Updates a model's flat parameter vector from its parallel gradient vector. State (momentum, moments) is
/// allocated on the first step to the parameter count.
/// </summary>
public interface IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Step size used by the next <see cref="Step"/>; a schedule sets it before each step.</summary>
    double LearningRate { get; set; }

    /// <summary>Applies one update to <paramref name="parameters"/>.Values from its Gradients.</summary>
    void Step(ParameterSet<T> parameters);

    /// <summary>A copy of the state (step count, per-parameter vectors) for a checkpoint.</summary>
    OptimizerState<T> ExportState();

    /// <summary>Restores a state from <see cref="ExportState"/> of an optimizer of the same type and options.</summary>
    void ImportState(OptimizerState<T> state);
}
