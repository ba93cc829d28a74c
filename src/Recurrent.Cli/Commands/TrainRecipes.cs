namespace Recurrent.Cli.Commands;

/// <summary>
/// Presets of <c>recurrent train</c>'s flags. <c>pytorch-word-lm</c> is PyTorch's word_language_model example
/// (examples/word_language_model, main.py) with the model its README trains: words, embedding 200, LSTM 2×200,
/// dropout 0.2 (on the embeddings, between the layers and before the output layer), B = 20 streams of T = 35 steps,
/// plain SGD at learning rate 20 divided by 4 whenever the end-of-epoch validation loss is not a new best, gradient
/// norm clipped at 0.25, encoder and decoder initialised U(±0.1), 6 epochs, validation once per epoch.
/// </summary>
public static class TrainRecipes
{
    /// <summary>The recipe names.</summary>
    public static readonly string[] Names = ["pytorch-word-lm"];

    /// <summary>The flags of <paramref name="recipe"/> on top of <paramref name="options"/>, except those the user
    /// gave (<paramref name="given"/> says whether a flag was given, by its name).</summary>
    public static TrainOptions Apply(TrainOptions options, string recipe, Func<string, bool> given)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (recipe != "pytorch-word-lm")
            throw new ArgumentException($"--recipe must be one of {string.Join(", ", Names)}, got '{recipe}'");
        var o = options;
        T Pick<T>(string flag, T mine, T current) => given(flag) ? current : mine;
        return o with
        {
            Tokens = Pick("--tokens", "words", o.Tokens), Model = Pick("--model", "lstm", o.Model),
            Embedding = Pick("--embedding", 200, o.Embedding), Hidden = Pick("--hidden", 200, o.Hidden),
            Layers = Pick("--layers", 2, o.Layers), Dropout = Pick("--dropout", 0.2, o.Dropout),
            BatchSize = Pick("--batch-size", 20, o.BatchSize), SeqLength = Pick("--seq-length", 35, o.SeqLength),
            Optimizer = Pick("--optimizer", "sgd", o.Optimizer), LearningRate = Pick("--learning-rate", 20.0,
                o.LearningRate),
            GradClip = Pick("--grad-clip", 0.25, o.GradClip), AnnealFactor = Pick("--anneal", 4.0, o.AnnealFactor),
            Epochs = o.MaxSteps is null && o.Minutes is null ? Pick("--epochs", 6, o.Epochs ?? 6) : o.Epochs,
            EvalEvery = given("--eval-every") ? o.EvalEvery : 0, // 0: once per epoch, set when the data is known
            SampleEvery = Pick("--sample-every", 0, o.SampleEvery),
        };
    }
}
