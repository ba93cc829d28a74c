// The two instantiations of the generic float micro-kernel, by the names the dispatch, the packing and the docs use.
// Aliases, not types: each names SingleKernel<TLanes, TVector> at one width, so each is compiled on its own.
global using Avx2SingleKernel = Recurrent.Backends.Cpu.SingleKernel<Recurrent.Backends.Cpu.FloatLanes256,
    System.Runtime.Intrinsics.Vector256<float>>;
global using Avx512SingleKernel = Recurrent.Backends.Cpu.SingleKernel<Recurrent.Backends.Cpu.FloatLanes512,
    System.Runtime.Intrinsics.Vector512<float>>;
