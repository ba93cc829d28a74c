namespace Recurrent.Tensors;

/// <summary>A tensor of the wrong shape reached a public boundary; the message names what was expected and what
/// came.</summary>
public sealed class ShapeMismatchException(string message) : ArgumentException(message);
