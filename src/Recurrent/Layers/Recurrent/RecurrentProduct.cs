namespace Recurrent.Layers.Recurrent;

/// <summary>
/// One product with a block of W_hh that a cell runs at every step: C = A·op(W) + β·C, where W is the block of
/// W_hh (row-major, leading dimension H) starting at <see cref="Offset"/> and op(W) is <see cref="K"/>×<see cref="N"/>
/// (Wᵀ when <see cref="TransB"/>). Declared once per cell so the layer can have the block packed once per pass.
/// </summary>
/// <param name="TransB">op(W) = Wᵀ, the forward products h·W_hhᵀ; W itself for the backward da·W_hh.</param>
/// <param name="K">Rows of op(W), the inner size.</param>
/// <param name="N">Columns of op(W), the outputs.</param>
/// <param name="Offset">Where the block starts in W_hh.</param>
/// <param name="Backward">Run by the backward time loop (packed at the start of Backward) rather than the forward
/// one.</param>
internal readonly record struct RecurrentProduct(bool TransB, int K, int N, int Offset, bool Backward);
