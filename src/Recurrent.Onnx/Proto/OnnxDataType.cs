namespace Recurrent.Onnx.Proto;

/// <summary>onnx.TensorProto.DataType: the element types the exported graphs use.</summary>
internal enum OnnxDataType
{
    Float = 1,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
}
