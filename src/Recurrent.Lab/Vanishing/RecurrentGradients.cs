using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Lab.Vanishing;

/// <summary>
/// "Very deep nets in time" (docs/equations.md#vanishing): ‖∂C_T/∂h_t‖ against T − t for a cost taken at the last
/// step only, for vanilla
/// RNNs (tanh, ReLU, sigmoid), an LSTM and a GRU of H units reading one input per step. Task: x_t = ±1 at random,
/// target Σ x_t / √T (variance 1) (ŷ = V h_{T−1} + c, mean squared error), so the answer needs every step. Measured on
/// a fixed batch at initialisation (PyTorch's U(±1/√H)) and after a short Adam training (learning rate 3e-3, global
/// gradient norm clipped at 1, fresh batches of 32). Computed in float64, so norms far below float32's range (≈ 1e-45)
/// still show.
/// </summary>
public static class RecurrentGradients
{
    /// <summary>The cells measured, with their labels.</summary>
    public static readonly (string Name, CellKind Cell, Activation Activation)[] Cells =
    [
        ("RNN tanh", CellKind.Rnn, Activation.Tanh),
        ("RNN ReLU", CellKind.Rnn, Activation.Relu),
        ("RNN sigmoid", CellKind.Rnn, Activation.Sigmoid),
        ("LSTM", CellKind.Lstm, Activation.Tanh),
        ("GRU", CellKind.Gru, Activation.Tanh),
    ];

    private const int Batch = 32;

    /// <summary>Norms for one cell: index k is T − 1 − t, i.e. how many steps before the cost; and the loss before and
    /// after training.</summary>
    public sealed record Result(string Name, double[] AtInit, double[] Trained, double LossAtInit, double LossTrained);

    public static Result Measure(string name, CellKind cell, Activation activation, int steps, int hidden,
        int trainSteps, Random rng)
    {
        if (steps < 2 || hidden < 1)
            throw new ArgumentException($"need T ≥ 2 and H ≥ 1, got T = {steps}, H = {hidden}");
        var parameters = new ParameterSet<double>();
        var stack =
            new RecurrentStack<double>(parameters, new RecurrentStackOptions(cell, InputSize: 1, HiddenSize: hidden,
            RnnActivation: activation, RecordStepGradientNorms: true));
        var head = new Dense<double>(parameters, "head.", hidden, 1);
        parameters.Initialize(rng);
        var (evalX, evalY) = Sequences(steps, rng);
        var (atInit, lossAtInit) = Norms(stack, head, parameters, evalX, evalY);
        var adam = new Adam<double>(new AdamOptions(LearningRate: 3e-3));
        for (int step = 0; step < trainSteps; step++)
        {
            var (x, y) = Sequences(steps, rng);
            Pass(stack, head, parameters, x, y);
            GradientClipping.ClipByGlobalNorm(parameters.Gradients, 1.0);
            adam.Step(parameters);
        }
        var (trained, lossTrained) = Norms(stack, head, parameters, evalX, evalY);
        return new Result(name, atInit, trained, lossAtInit, lossTrained);
    }

    private static (double[] Norms, double Loss) Norms(RecurrentStack<double> stack, Dense<double> head,
        ParameterSet<double> parameters, Tensor<double> x, Tensor<double> y)
    {
        double loss = Pass(stack, head, parameters, x, y);
        var byStep = stack.Directions[0].StepGradientNorms;
        int steps = byStep.Length;
        var norms = new double[steps];
        for (int t = 0; t < steps; t++) norms[steps - 1 - t] = byStep[t];
        return (norms, loss);
    }

    /// <summary>Forward, cost at the last step, backward; returns the cost (gradients zeroed first).</summary>
    private static double Pass(RecurrentStack<double> stack, Dense<double> head, ParameterSet<double> parameters,
        Tensor<double> x, Tensor<double> y)
    {
        parameters.ZeroGradients();
        int steps = x.Dim(0);
        var h = stack.Forward(x, default);
        var prediction = head.Forward(h[steps - 1]);
        var dPrediction = new Tensor<double>(prediction.Shape);
        double loss = new MeanSquaredError<double>().Compute(prediction, y, null, dPrediction);
        var dh = head.Backward(dPrediction);
        var dy = new Tensor<double>(h.Shape);
        dy[steps - 1].CopyFrom(dh);
        stack.Backward(dy);
        return loss;
    }

    /// <summary>A batch of ±1 sequences (T, B, 1) and their targets Σ x_t / √T (B, 1).</summary>
    private static (Tensor<double> X, Tensor<double> Y) Sequences(int steps, Random rng)
    {
        var x = new Tensor<double>(steps, Batch, 1);
        var y = new Tensor<double>(Batch, 1);
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < Batch; b++)
            {
                double v = rng.Next(2) == 0 ? -1.0 : 1.0;
                x[t, b, 0] = v;
                y[b, 0] += v / Math.Sqrt(steps);
            }
        return (x, y);
    }
}
