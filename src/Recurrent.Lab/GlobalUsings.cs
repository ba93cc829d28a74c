// As in the core: System.Numerics.Tensors also defines a Tensor<T>; we import only its kernels, under a short alias,
// so that Recurrent.Tensors.Tensor<T> is never ambiguous.
global using System.Numerics;
global using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
global using Recurrent.Tensors;
