using System.Text;
using CsCheck;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Safetensors files built from hostile headers rather than mutated ones: up to three tensors with any dtype name,
/// shapes with dimensions up to 10^12 (and negative ones), data offsets past the end, overlapping or reversed, reserved
/// and empty names, a header length that is right, short, long or absurd, and up to 64 bytes of data.
/// </summary>
internal static class CraftedSafetensors
{
    private static readonly string[] DTypes = ["F32", "F64", "F16", "BF16", "I64", "I32", "U8", "f32", ""];
    private static readonly string[] Names = ["a", "b", "__metadata__", "", "a"];
    private static readonly string[] Dimensions =
        ["0", "1", "2", "3", "1000000", "1000000000000", "4294967296", "-1", "1.5", "\"2\""];
    private static readonly string[] Offsets =
        ["0", "4", "8", "12", "16", "24", "64", "1000000000000", "-1", "9223372036854775807", "null"];

    private static readonly Gen<string> Tensor =
        Gen.Select(Gen.Int[0, Names.Length - 1], Gen.Int[0, DTypes.Length - 1],
            Gen.Int[0, Dimensions.Length - 1].Array[0, 3], Gen.Int[0, Offsets.Length - 1].Array[0, 3],
            (name, dtype, shape, offsets) =>
                $"\"{Names[name]}\":{{\"dtype\":\"{DTypes[dtype]}\",\"shape\":[" +
                string.Join(",", shape.Select(d => Dimensions[d])) + "],\"data_offsets\":[" +
                string.Join(",", offsets.Select(o => Offsets[o])) + "]}");

    /// <summary>Crafted files: header length (0 = right, 1 = one short, 2 = one long, 3 = huge), JSON, data.</summary>
    public static readonly Gen<byte[]> Files =
        Gen.Select(Tensor.Array[0, 3], Gen.Int[0, 3], Gen.Byte.Array[0, 64],
            Gen.Bool, (string[] tensors, int lengthKind,
            byte[] data, bool metadata) =>
        {
            string json = "{" + (metadata ? "\"__metadata__\":{\"format\":\"recurrent-sequence/1\"}" +
                (tensors.Length > 0 ? "," : "") : "") + string.Join(",", tensors) + "}";
            var header = Encoding.UTF8.GetBytes(json);
            ulong length = lengthKind switch
            {
                0 => (ulong)header.Length,
                1 => (ulong)header.Length - 1,
                2 => (ulong)header.Length + 1,
                _ => 1UL << 40,
            };
            byte[] file = [.. BitConverter.GetBytes(length), .. header, .. data];
            return file;
        });
}
