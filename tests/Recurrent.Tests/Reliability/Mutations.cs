using System.Text;
using CsCheck;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Hostile variants of valid files: one to three mutations, each a truncation, bit flips, bytes overwritten with
/// values that matter to parsers (0, 0xFF, quotes, braces, delimiters, line breaks, a stray UTF-8 lead byte), a
/// random chunk inserted, a range deleted or duplicated, a number replaced by an extreme one (10^12, -1, 2^32,
/// 1e400, NaN), or plain random bytes.
/// </summary>
internal static class Mutations
{
    private static readonly byte[] Interesting =
        [0, 0xFF, 0x7F, 0x80, 0xC0, 0xED, 0xF4, 0xFE, (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']',
         (byte)',', (byte)':', (byte)'\t', (byte)'\n', (byte)'\r', (byte)'-', (byte)'9', (byte)'e', (byte)' '];

    private static readonly string[] ExtremeNumbers =
        ["1000000000000", "-1", "4294967296", "2147483648", "1e400", "NaN", "-0", "99999999999999999999", "0"];

    /// <summary>Mutated copies of <paramref name="seeds"/> (valid files of the format under test).</summary>
    public static Gen<byte[]> Of(params byte[][] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Mutation.Array[1, 3], (s, steps) =>
        {
            var bytes = seeds[s];
            foreach (var step in steps) bytes = step.Apply(bytes);
            return bytes;
        });

    private static readonly Gen<Step> Mutation =
        Gen.Select(Gen.Int[0, 8], Gen.UInt.Array[4], Gen.Byte.Array[1, 64], (kind, points, chunk) =>
            new Step(kind, points, chunk));

    private sealed record Step(int Kind, uint[] Points, byte[] Chunk)
    {
        public byte[] Apply(byte[] input)
        {
            int n = input.Length;
            int At(int i, int size) => size <= 0 ? 0 : (int)(Points[i] % (uint)size);
            switch (Kind)
            {
                case 0: return input[..At(0, n + 1)];
                case 1:
                {
                    var copy = (byte[])input.Clone();
                    if (n == 0) return copy;
                    for (int i = 0; i < 1 + Points[3] % 8; i++)
                        copy[At(i % 3, n)] ^= (byte)(1 << (int)((Points[(i + 1) % 4] >> 8) % 8));
                    return copy;
                }
                case 2:
                {
                    var copy = (byte[])input.Clone();
                    if (n == 0) return copy;
                    foreach (byte b in Chunk.Take(8)) copy[At(b % 3, n)] = Interesting[b % Interesting.Length];
                    return copy;
                }
                case 3:
                {
                    int at = At(0, n + 1);
                    return [.. input[..at], .. Chunk, .. input[at..]];
                }
                case 4:
                {
                    int from = At(0, n + 1), to = Math.Min(n, from + At(1, 65));
                    return [.. input[..from], .. input[to..]];
                }
                case 5:
                {
                    int from = At(0, n + 1), to = Math.Min(n, from + At(1, 257)), at = At(2, n + 1);
                    return [.. input[..at], .. input[from..to], .. input[at..]];
                }
                case 6: return ReplaceNumber(input);
                case 7: return Chunk;
                default:
                {
                    // Overwrite an aligned 8-byte word: the safetensors header length, or a float of the data.
                    var copy = (byte[])input.Clone();
                    if (n < 8) return copy;
                    int at = At(0, n / 8) * 8;
                    BitConverter.TryWriteBytes(copy.AsSpan(at), ((ulong)Points[1] << 32) | Points[2]);
                    return copy;
                }
            }
        }

        private byte[] ReplaceNumber(byte[] input)
        {
            // The i-th run of ASCII digits becomes an extreme number: lengths, offsets, sizes, counts.
            var runs = new List<(int Start, int End)>();
            for (int i = 0; i < input.Length;)
            {
                if (!char.IsAsciiDigit((char)input[i])) { i++; continue; }
                int start = i;
                while (i < input.Length && char.IsAsciiDigit((char)input[i])) i++;
                runs.Add((start, i));
            }
            if (runs.Count == 0) return input;
            var (from, to) = runs[(int)(Points[0] % (uint)runs.Count)];
            var number = Encoding.ASCII.GetBytes(ExtremeNumbers[Points[1] % ExtremeNumbers.Length]);
            return [.. input[..from], .. number, .. input[to..]];
        }
    }
}
