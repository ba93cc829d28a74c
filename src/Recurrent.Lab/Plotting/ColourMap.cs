using System.Globalization;

namespace Recurrent.Lab.Plotting;

/// <summary>
/// Viridis, matplotlib's perceptually uniform colour map (dark purple → blue → green → yellow), readable in grey scale
/// and by most colour-blind viewers; interpolated linearly between its colours at 0, 0.1, …, 1.
/// </summary>
public static class ColourMap
{
    private static readonly (byte R, byte G, byte B)[] Viridis =
    [
        (0x44, 0x01, 0x54), (0x48, 0x24, 0x75), (0x41, 0x44, 0x87), (0x35, 0x5f, 0x8d), (0x2a, 0x78, 0x8e), (0x21, 0x91,
            0x8c),
        (0x22, 0xa8, 0x84), (0x44, 0xbf, 0x70), (0x7a, 0xd1, 0x51), (0xbd, 0xdf, 0x26), (0xfd, 0xe7, 0x25),
    ];

    /// <summary>The colour drawn for missing (NaN) values: a neutral grey outside the map.</summary>
    public const string Missing = "#b0b0b0";

    /// <summary>The colour at <paramref name="fraction"/> in [0, 1] (clamped); NaN gives <see cref="Missing"/>'s
    /// grey.</summary>
    public static (byte R, byte G, byte B) Rgb(double fraction)
    {
        if (double.IsNaN(fraction)) return (0xb0, 0xb0, 0xb0);
        double position = Math.Clamp(fraction, 0, 1) * (Viridis.Length - 1);
        int low = Math.Min((int)position, Viridis.Length - 2);
        double t = position - low;
        var (a, b) = (Viridis[low], Viridis[low + 1]);
        static byte Mix(byte p, byte q, double t) => (byte)Math.Round(p + (q - p) * t);
        return (Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));
    }

    /// <summary>The colour at <paramref name="fraction"/> as "#rrggbb".</summary>
    public static string Hex(double fraction)
    {
        var (r, g, b) = Rgb(fraction);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }
}
