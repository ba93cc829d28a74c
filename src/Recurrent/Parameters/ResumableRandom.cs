using System.Buffers.Binary;
using System.Globalization;

namespace Recurrent.Parameters;

/// <summary>
/// A seeded <see cref="Random"/> whose whole state can be saved and restored, so that a resumed training run
/// draws exactly the numbers the uninterrupted run would have drawn. Every API taking a <see cref="Random"/>
/// (initialisers, <see cref="Random.Shuffle{T}(T[])"/>, dropout, sampling) accepts it unchanged.
/// </summary>
/// <remarks>
/// The generator is xoshiro256** 1.0 (Blackman &amp; Vigna, https://prng.di.unimi.it/xoshiro256starstar.c): 256 bits
/// of state, period 2²⁵⁶ − 1, passes BigCrush. The seed is expanded into the four state words by SplitMix64
/// (https://prng.di.unimi.it/splitmix64.c), as the authors recommend, so nearby seeds give unrelated streams.
/// Every draw is derived from <see cref="NextUInt64"/> by a fixed, documented rule, so the stream depends only
/// on the seed and never on the runtime version (System.Random's own algorithms are not guaranteed stable):
/// <list type="bullet">
/// <item><see cref="NextDouble"/>: the top 53 bits · 2⁻⁵³, in [0, 1).</item>
/// <item><see cref="NextSingle"/>: the top 24 bits · 2⁻²⁴, in [0, 1).</item>
/// <item>bounded integers: the top ⌈log₂ range⌉ bits, redrawn until below the range (unbiased).</item>
/// <item><see cref="NextBytes(Span{byte})"/>: whole words, little-endian, the last one truncated.</item>
/// </list>
/// </remarks>
public sealed class ResumableRandom : Random
{
    /// <summary>Prefix of <see cref="GetStateText"/>, naming the algorithm so a state from another generator is
    /// refused.</summary>
    public const string StateTextPrefix = "xoshiro256**:";

    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the generator; any value (negative too) is a valid seed, and equal seeds give equal
    /// streams.</summary>
    // base(0) gives System.Random a fixed seed for the internal fallback it keeps for derived types; every public
    // draw is overridden here, so that fallback is never consulted.
    public ResumableRandom(long seed) : base(0)
    {
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Creates a generator from a state returned by <see cref="GetState"/>.</summary>
    public static ResumableRandom FromState(ReadOnlySpan<ulong> state)
    {
        var rng = new ResumableRandom(0);
        rng.SetState(state);
        return rng;
    }

    /// <summary>Creates a generator from text returned by <see cref="GetStateText"/>.</summary>
    public static ResumableRandom FromStateText(string text)
    {
        var rng = new ResumableRandom(0);
        rng.SetStateText(text);
        return rng;
    }

    /// <summary>A copy of the four 64-bit state words s0..s3.</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3];

    /// <summary>Restores the four state words; the next draw is the one that followed when they were read.</summary>
    /// <exception cref="ArgumentException">Not four words, or all four zero (the one state xoshiro never
    /// leaves).</exception>
    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4)
            throw new ArgumentException($"xoshiro256** state has 4 words, got {state.Length}", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("xoshiro256** state cannot be all zero (the generator would only return zeros)",
                nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>The state as text, "xoshiro256**:" and four 16-digit hexadecimal words separated by commas; fit for
    /// JSON metadata.</summary>
    public string GetStateText() =>
        string.Create(CultureInfo.InvariantCulture, $"{StateTextPrefix}{_s0:x16},{_s1:x16},{_s2:x16},{_s3:x16}");

    /// <summary>Restores a state written by <see cref="GetStateText"/>.</summary>
    /// <exception cref="FormatException">The text is not in that form.</exception>
    public void SetStateText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(StateTextPrefix, StringComparison.Ordinal))
            throw new FormatException($"random state must start with '{StateTextPrefix}', got '{Shorten(text)}'");
        var parts = text[StateTextPrefix.Length..].Split(',');
        if (parts.Length != 4)
            throw new FormatException($"random state must hold 4 comma-separated hexadecimal words, got " +
                $"{parts.Length} in '{Shorten(text)}'");
        Span<ulong> words = stackalloc ulong[4];
        for (int i = 0; i < 4; i++)
        {
            if (!ulong.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i]))
                throw new FormatException($"random state word {i} is not hexadecimal: '{Shorten(parts[i])}'");
        }
        try
        {
            SetState(words);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>The next 64 raw bits of xoshiro256**; every other draw is built from these.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <inheritdoc/>
    /// <remarks>A uniform integer in [0, <see cref="int.MaxValue"/>).</remarks>
    public override int Next() => (int)NextBelow(int.MaxValue);

    /// <inheritdoc/>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBelow((ulong)maxValue);
    }

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue)
    {
        if (minValue > maxValue)
            throw new ArgumentOutOfRangeException(nameof(minValue),
                $"minValue {minValue} is greater than maxValue {maxValue}");
        return (int)(minValue + (long)NextBelow((ulong)((long)maxValue - minValue)));
    }

    /// <inheritdoc/>
    /// <remarks>A uniform integer in [0, <see cref="long.MaxValue"/>).</remarks>
    public override long NextInt64() => (long)NextBelow(long.MaxValue);

    /// <inheritdoc/>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBelow((ulong)maxValue);
    }

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        if (minValue > maxValue)
            throw new ArgumentOutOfRangeException(nameof(minValue),
                $"minValue {minValue} is greater than maxValue {maxValue}");
        return unchecked(minValue + (long)NextBelow((ulong)maxValue - (ulong)minValue));
    }

    /// <inheritdoc/>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc/>
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, NextUInt64());
            buffer = buffer[8..];
        }
        if (buffer.Length > 0)
        {
            Span<byte> last = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(last, NextUInt64());
            last[..buffer.Length].CopyTo(buffer);
        }
    }

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();

    /// <summary>A uniform integer in [0, range); 0 when range ≤ 1 (consuming nothing, as System.Random does).</summary>
    private ulong NextBelow(ulong range)
    {
        if (range <= 1) return 0;
        // Rejection on the top bits: at most half the draws are rejected, and the result is exactly uniform.
        int bits = 64 - BitOperations.LeadingZeroCount(range - 1);
        while (true)
        {
            ulong candidate = NextUInt64() >> (64 - bits);
            if (candidate < range) return candidate;
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
