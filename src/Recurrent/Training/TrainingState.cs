using System.Globalization;
using System.Text.Json;
using Recurrent.Data;
using Recurrent.Optimizers;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Training;

/// <summary>
/// What a resumed run needs beside the weights, as one safetensors file: named tensors (optimizer vectors,
/// carried hidden states) and named strings in <c>__metadata__</c> (step, epoch, batcher cursor, RNG state, loss
/// history, each as JSON). Model-agnostic: a bag of tensors and metadata with typed helpers for the usual entries.
/// </summary>
/// <remarks>
/// Layout of the file:
/// <code>
/// __metadata__:
///   "format"            "recurrent-training-state/1"   (checked on load)
///   "step"              "1200"                         optimizer steps taken (JSON number)
///   "epoch"             "3"
///   "cursor"            {"position":…,"epoch":…,"batches_served":…}
///   "rng"               "\"xoshiro256**:…\""           ResumableRandom.GetStateText() as a JSON string
///   "loss_history"      [[step, train, validation|null], …]
///   "optimizer.step"    "1200"                         OptimizerState.Step
///   any other key set with SetMetadata / SetJson
/// tensors:
///   "optimizer.&lt;name&gt;"  (P)      e.g. optimizer.exp_avg, optimizer.exp_avg_sq: one value per parameter
///   "hidden.&lt;name&gt;"     e.g. (B, H) carried state of a layer, e.g. hidden.h_l0, hidden.c_l0
///   any other tensor set with SetTensor
/// </code>
/// Tensors are written in the element type they are given (F32 for float, F64 for double), so a float run
/// resumes from exactly the bits it saved. The typed getters (<see cref="Step"/>, <see cref="Cursor"/>, …) throw
/// <see cref="InvalidDataException"/> naming the file and the entry when it is missing or malformed.
/// </remarks>
public sealed class TrainingState
{
    /// <summary>Value of the "format" metadata entry; a file without it, or with another, is refused.</summary>
    public const string FormatTag = "recurrent-training-state/1";

    /// <summary>Metadata keys of the typed entries.</summary>
    public const string FormatKey = "format", StepKey = "step", EpochKey = "epoch", CursorKey = "cursor",
        RandomKey = "rng", LossHistoryKey = "loss_history", OptimizerStepKey = "optimizer.step";

    /// <summary>Name prefixes of the optimizer and hidden-state tensors.</summary>
    public const string OptimizerPrefix = "optimizer.", HiddenPrefix = "hidden.";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly List<SafetensorsTensor> _tensors = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    /// <summary>An empty state (no entries but the format tag, which is added on save).</summary>
    public TrainingState(string source = "training state") => Source = source;

    /// <summary>Names the state in error messages: the file it came from, or "training state".</summary>
    public string Source { get; private set; }

    /// <summary>Names of the tensors, in the order they will be written.</summary>
    public IReadOnlyList<string> TensorNames => _tensors.Select(t => t.Name).ToList();

    /// <summary>The metadata entries (JSON text or plain strings), the format tag excluded.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _metadata;

    // ---- the generic bag -------------------------------------------------------------------------------

    /// <summary>Stores <paramref name="values"/> as tensor <paramref name="name"/> of <paramref name="shape"/> (a
    /// copy), replacing any of that name.</summary>
    public void SetTensor<T>(string name, ReadOnlySpan<T> values, int[] shape) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _tensors.RemoveAll(t => t.Name == name);
        _tensors.Add(SafetensorsTensor.From(name, values, shape));
    }

    /// <summary>Stores a copy of <paramref name="tensor"/> under <paramref name="name"/>.</summary>
    public void SetTensor<T>(string name, Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        SetTensor<T>(name, tensor.Span, tensor.Shape);
    }

    /// <summary>True when a tensor called <paramref name="name"/> is stored.</summary>
    public bool HasTensor(string name) => _tensors.Exists(t => t.Name == name);

    /// <summary>The tensor <paramref name="name"/>, converted to T.</summary>
    /// <exception cref="InvalidDataException">No such tensor.</exception>
    public Tensor<T> GetTensor<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> =>
        Find(name).ToTensor<T>();

    /// <summary>Copies tensor <paramref name="name"/> into <paramref name="destination"/>, whose shape must
    /// match.</summary>
    /// <exception cref="InvalidDataException">No such tensor, or another shape.</exception>
    public void CopyTensor<T>(string name, Tensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        var tensor = Find(name);
        if (!destination.HasShape(tensor.Shape))
            throw new InvalidDataException(
                $"{Source}: tensor '{name}' has shape {ShapeText.Format(tensor.Shape)}, expected " +
                    $"{ShapeText.Format(destination.Shape)}: " +
                "was it saved with another model or batch size?");
        tensor.CopyTo(destination.Span);
    }

    /// <summary>Stores a plain string under <paramref name="key"/> ("format" is reserved).</summary>
    public void SetMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == FormatKey)
            throw new ArgumentException($"metadata key '{FormatKey}' is reserved for the format tag", nameof(key));
        _metadata[key] = value;
    }

    /// <summary>The string stored under <paramref name="key"/>.</summary>
    /// <exception cref="InvalidDataException">No such entry.</exception>
    public string GetMetadata(string key) =>
        _metadata.TryGetValue(key, out var value) ? value
        : throw new InvalidDataException(
            $"{Source} has no '{key}' entry (it has {SafetensorsFile.Preview(_metadata.Keys, 8)}): incomplete or " +
                $"from an older version?");

    /// <summary>True when <paramref name="key"/> is stored.</summary>
    public bool HasMetadata(string key) => _metadata.ContainsKey(key);

    /// <summary>Stores <paramref name="value"/> as JSON under <paramref name="key"/> (snake_case names, NaN
    /// allowed).</summary>
    public void SetJson<TValue>(string key, TValue value) =>
        SetMetadata(key, JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Reads the JSON under <paramref name="key"/> as <typeparamref name="TValue"/>.</summary>
    /// <exception cref="InvalidDataException">No such entry, or JSON of another shape.</exception>
    public TValue GetJson<TValue>(string key)
    {
        var json = GetMetadata(key);
        try
        {
            return JsonSerializer.Deserialize<TValue>(json, JsonOptions)
                ?? throw new InvalidDataException($"{Source}: entry '{key}' is null, expected {typeof(TValue).Name}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Source}: entry '{key}' is not a valid {typeof(TValue).Name}: {e.Message}",
                e);
        }
    }

    // ---- typed entries ----------------------------------------------------------------------------------

    /// <summary>Optimizer steps taken ("step").</summary>
    public long Step { get => GetJson<long>(StepKey); set => SetJson(StepKey, value); }

    /// <summary>Completed epochs ("epoch").</summary>
    public int Epoch { get => GetJson<int>(EpochKey); set => SetJson(EpochKey, value); }

    /// <summary>Where the training batcher stands ("cursor").</summary>
    public BatchCursor Cursor { get => GetJson<BatchCursor>(CursorKey); set => SetJson(CursorKey, value); }

    /// <summary>The training RNG's state ("rng"), as <see cref="Parameters.ResumableRandom.GetStateText"/> gives
    /// it.</summary>
    public string RandomState { get => GetJson<string>(RandomKey); set => SetJson(RandomKey, value); }

    /// <summary>The learning curve so far ("loss_history").</summary>
    public IReadOnlyList<LossPoint> LossHistory
    {
        get => LossHistoryJson.Parse(GetMetadata(LossHistoryKey), $"{Source}, entry '{LossHistoryKey}'");
        set => SetMetadata(LossHistoryKey,
            LossHistoryJson.Write(value ?? throw new ArgumentNullException(nameof(value))));
    }

    /// <summary>Stores an optimizer's step ("optimizer.step") and vectors (tensors "optimizer.&lt;name&gt;").</summary>
    public void SetOptimizer<T>(OptimizerState<T> state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        _tensors.RemoveAll(t => t.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal));
        SetJson(OptimizerStepKey, state.Step);
        foreach (var (name, vector) in state.Vectors) SetTensor<T>(OptimizerPrefix + name, vector, [vector.Length]);
    }

    /// <summary>The optimizer state stored by <see cref="SetOptimizer{T}"/>; the optimizer checks the names and lengths
    /// on import.</summary>
    /// <exception cref="InvalidDataException">No optimizer step stored.</exception>
    public OptimizerState<T> GetOptimizer<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        int step = GetJson<int>(OptimizerStepKey);
        var vectors = new Dictionary<string, T[]>(StringComparer.Ordinal);
        foreach (var tensor in _tensors.Where(t => t.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)))
            vectors.Add(tensor.Name[OptimizerPrefix.Length..], tensor.ToArray<T>());
        return new OptimizerState<T>(step, vectors);
    }

    /// <summary>Stores a carried hidden state, e.g. ("h_l0", (B, H)), as tensor "hidden.&lt;name&gt;".</summary>
    public void SetHidden<T>(string name, Tensor<T> state) where T : unmanaged, IFloatingPointIeee754<T> =>
        SetTensor(HiddenPrefix + name, state);

    /// <summary>Copies the hidden state "hidden.&lt;name&gt;" into <paramref name="destination"/> (shapes must
    /// match).</summary>
    /// <exception cref="InvalidDataException">Missing, or another shape.</exception>
    public void CopyHidden<T>(string name, Tensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> =>
        CopyTensor(HiddenPrefix + name, destination);

    // ---- file -------------------------------------------------------------------------------------------

    /// <summary>The state as a safetensors file, format tag included.</summary>
    public SafetensorsFile ToFile()
    {
        var metadata = new Dictionary<string, string>(_metadata, StringComparer.Ordinal) { [FormatKey] = FormatTag };
        return new SafetensorsFile(_tensors, metadata);
    }

    /// <summary>Writes the state atomically (temporary file, flush, rename), so a crash never leaves half a
    /// state.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ToFile().Write(path);
    }

    /// <summary>Reads a state written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a safetensors file, or no / another format tag.</exception>
    public static TrainingState Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"training state '{path}' does not exist", path);
        return FromFile(SafetensorsFile.Read(path), $"training state '{path}'");
    }

    /// <summary>Takes the entries of a safetensors file after checking its format tag.</summary>
    /// <exception cref="InvalidDataException">No or another format tag.</exception>
    public static TrainingState FromFile(SafetensorsFile file, string source = "training state")
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Metadata.TryGetValue(FormatKey, out var format))
            throw new InvalidDataException(
                $"{source} has no '{FormatKey}' metadata entry: expected '{FormatTag}' (is it a weights file rather " +
                    $"than a training state?)");
        if (format != FormatTag)
            throw new InvalidDataException($"{source} has format '{format}', expected '{FormatTag}'");
        var state = new TrainingState(source);
        state._tensors.AddRange(file.Tensors);
        foreach (var (key, value) in file.Metadata)
            if (key != FormatKey) state._metadata[key] = value;
        return state;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Source}: {_tensors.Count} tensors, {_metadata.Count} metadata entries");

    private SafetensorsTensor Find(string name) =>
        _tensors.Find(t => t.Name == name)
        ?? throw new InvalidDataException(
            $"{Source} has no tensor '{name}' (it has {SafetensorsFile.Preview(_tensors.Select(t => t.Name), 8)}): " +
                $"incomplete, or saved for another model?");
}
