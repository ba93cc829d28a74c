// Generates text greedily from a character language model exported by `recurrent export --graph step`, using ONNX
// Runtime alone: the vocabulary comes from the file's metadata, the states go round through the graph's h0/c0 inputs
// and hn/cn outputs. Prints what `recurrent sample --argmax` prints for the same checkpoint and prime.
// Usage: dotnet run -c Release -- step.onnx [prime] [length]
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: OnnxCharModel step.onnx [prime] [length]");
    return 2;
}
string prime = args.Length > 1 ? args[1] : "The whale ";
int length = args.Length > 2 ? int.Parse(args[2]) : 200;

using var session = new InferenceSession(args[0]);
var metadata = session.ModelMetadata.CustomMetadataMap;
if (metadata.GetValueOrDefault("graph") != "step")
{
    Console.Error.WriteLine($"{args[0]} is not a step graph: export it with `recurrent export --graph step`");
    return 2;
}
string[] vocabulary = JsonSerializer.Deserialize<string[]>(metadata["vocab"])!;
var index = vocabulary.Select((symbol, i) => (symbol, i)).ToDictionary(p => p.symbol, p => p.i);

// h0 (and c0 for an LSTM) is (layers, batch, hidden); one stream here, starting from zeros.
int[] stateDims = session.InputMetadata["h0"].Dimensions.Select(d => d < 0 ? 1 : d).ToArray();
bool lstm = session.InputMetadata.ContainsKey("c0");
var h = new DenseTensor<float>(stateDims);
var c = new DenseTensor<float>(stateDims);

// The prime's characters one at a time (a line break when there is none, as `recurrent sample` starts).
var tokens = new List<int>();
foreach (var rune in prime.EnumerateRunes())
{
    if (!index.TryGetValue(rune.ToString(), out int i))
    {
        Console.Error.WriteLine($"character '{rune}' of the prime is not in the model's vocabulary");
        return 2;
    }
    tokens.Add(i);
}
if (tokens.Count == 0) tokens.Add(index.GetValueOrDefault("\n", 0));

float[] logits = [];
foreach (int token in tokens) logits = Step(token);
var text = new StringBuilder(prime);
for (int n = 0; n < length; n++)
{
    int next = ArgMax(logits);
    text.Append(vocabulary[next]);
    if (n + 1 < length) logits = Step(next);
}
Console.WriteLine(text);
return 0;

// One step: token, h0, c0 in; logits (1, V), hn, cn out, which become the next step's states.
float[] Step(int token)
{
    var inputs = new List<NamedOnnxValue>
    {
        NamedOnnxValue.CreateFromTensor("token", new DenseTensor<long>(new long[] { token }, [1])),
        NamedOnnxValue.CreateFromTensor("h0", h),
    };
    if (lstm) inputs.Add(NamedOnnxValue.CreateFromTensor("c0", c));
    using var results = session.Run(inputs);
    h = results.First(r => r.Name == "hn").AsTensor<float>().ToDenseTensor();
    if (lstm) c = results.First(r => r.Name == "cn").AsTensor<float>().ToDenseTensor();
    return results.First(r => r.Name == "outputs").AsTensor<float>().ToArray();
}

// The most likely character; the first on ties, as the library's argmax.
static int ArgMax(float[] values)
{
    int best = 0;
    for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
    return best;
}
