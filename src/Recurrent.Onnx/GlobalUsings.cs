// As in the core: System.Numerics.Tensors' kernels under a short alias, so Recurrent.Tensors.Tensor<T> is unambiguous.
global using System.Numerics;
global using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
global using Recurrent.Tensors;
