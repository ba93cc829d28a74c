using System.Diagnostics;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;

namespace Recurrent.Lab.Benchmarks;

/// <summary>
/// Times generation at batch 1, as char-rnn's sampling: per character the one-hot of the last character goes through
/// <see cref="RecurrentStack{T}.Step"/>, the Dense head gives V logits, and the next character is drawn from their
/// softmax with a seeded RNG. Reports characters per second over a timed run after a warm-up.
/// </summary>
public static class SampleBenchmark
{
    /// <summary>Generates <paramref name="warmUp"/> characters untimed, then <paramref name="characters"/>
    /// timed.</summary>
    /// <returns>Characters per second, and managed bytes allocated per character.</returns>
    public static (double CharactersPerSecond, double BytesPerCharacter) Run(CellKind cell, int hiddenSize,
        int numLayers, int vocabulary,
        int characters, int warmUp = 200, int seed = 1234)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(characters);
        var parameters = new ParameterSet<float>();
        var stack =
            new RecurrentStack<float>(parameters,
            new RecurrentStackOptions(cell, vocabulary, hiddenSize, numLayers, Prefix: "rnn."));
        var head = new Dense<float>(parameters, "head.", hiddenSize, vocabulary);
        var rng = new Random(seed);
        parameters.Initialize(rng);
        var states = stack.CreateStates(1);
        var input = new Tensor<float>(1, vocabulary);
        var probabilities = new float[vocabulary];
        int last = 0;

        int Next()
        {
            input.Span.Clear();
            input.Span[last] = 1f;
            var h = stack.Step(input, states);
            var logits = head.Forward(h).Span; // (1, V)
            TensorPrimitives.SoftMax(logits, probabilities);
            double u = rng.NextDouble(), sum = 0;
            int next = vocabulary - 1;
            for (int k = 0; k < vocabulary; k++)
            {
                sum += probabilities[k];
                if (u < sum) { next = k; break; }
            }
            return last = next;
        }

        for (int i = 0; i < warmUp; i++) Next();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < characters; i++) Next();
        double seconds = clock.Elapsed.TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (characters / seconds, (double)allocated / characters);
    }
}
