namespace Recurrent.Data;

/// <summary>What a text reader does with a character its vocabulary lacks (text read with a training set's
/// vocabulary).</summary>
public enum UnknownSymbolPolicy
{
    /// <summary>Stop with an error naming the file, line, column and character.</summary>
    Error,

    /// <summary>Leave the character out.</summary>
    Skip,

    /// <summary>
    /// Map it to a reserved unknown id, the vocabulary's Count; the token count is then Count + 1 for every file read
    /// with this policy, the training file included, so a model sized on it accepts the unknown id.
    /// </summary>
    MapToUnknown,
}
