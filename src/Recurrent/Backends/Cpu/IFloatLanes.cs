namespace Recurrent.Backends.Cpu;

/// <summary>
/// The few float operations the vector kernels use, on one vector width: <typeparamref name="TVector"/> is
/// <c>Vector256&lt;float&gt;</c> (<see cref="FloatLanes256"/>) or <c>Vector512&lt;float&gt;</c>
/// (<see cref="FloatLanes512"/>). A kernel written once against it (<see cref="SingleKernel{TLanes, TVector}"/>,
/// <see cref="VectorActivations"/>, <see cref="RmsPropKernel"/>) is one piece of code for both widths.
/// </summary>
/// <remarks>
/// Implemented by structs with static members, so the JIT compiles each instantiation on its own (value-type
/// arguments share no generic code), inlines every call and folds <see cref="Count"/> to a constant: the machine
/// code is what the two hand-written copies were. Each member is one instruction, named for what it rounds, so that
/// a kernel's operation order, and with it its bits, is the same at every width; min and max are x86's (they return
/// their second operand when either is NaN), not the IEEE ones <c>Vector256.Min</c> computes.
/// </remarks>
internal unsafe interface IFloatLanes<TVector> where TVector : struct
{
    /// <summary>Whether this machine and the runtime run this width's instructions.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>Floats per vector: 8 or 16.</summary>
    static abstract int Count { get; }

    /// <summary>Count floats from <paramref name="p"/> (unaligned).</summary>
    static abstract TVector Load(float* p);

    /// <summary>Writes x's floats to <paramref name="p"/> (unaligned).</summary>
    static abstract void Store(float* p, TVector x);

    /// <summary>x in every lane.</summary>
    static abstract TVector Broadcast(float x);

    /// <summary>a·b + c, rounded once.</summary>
    static abstract TVector FusedMultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>a + b.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a·b.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a / b.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>√x, correctly rounded.</summary>
    static abstract TVector Sqrt(TVector x);

    /// <summary>x86's min: a &lt; b ? a : b, so b when either is NaN.</summary>
    static abstract TVector Min(TVector a, TVector b);

    /// <summary>x86's max: a &gt; b ? a : b, so b when either is NaN.</summary>
    static abstract TVector Max(TVector a, TVector b);
}
