namespace Recurrent.Layers.Recurrent;

/// <summary>How a <see cref="BidirectionalLayer{T}"/> combines y→ (forward in time) and y← (backward in time), each (T,
/// B, H).</summary>
public enum BidirectionalCombine
{
    /// <summary>PyTorch's: y = [y→, y←] along the last axis, (T, B, 2H); ∂C/∂y splits into its halves.</summary>
    Concatenate,

    /// <summary>y = y→ + y←, (T, B, H); both directions receive ∂C/∂y.</summary>
    Sum,

    /// <summary>y = ½ (y→ + y←), (T, B, H); both directions receive ½ ∂C/∂y.</summary>
    Average,
}
