using System.Globalization;

namespace Recurrent.Lab.Plotting;

/// <summary>
/// An axis range with "nice" ticks: linear ticks step by 1, 2 or 5 × 10ᵏ and the range is widened to whole
/// steps; log ticks sit on 1, 2, 5 × 10ᵏ when the data spans few decades, on powers of ten otherwise.
/// </summary>
internal sealed class ChartScale
{
    private ChartScale(double min, double max, bool log, double[] ticks, Func<double, string> format)
    {
        Min = min;
        Max = max;
        IsLog = log;
        Ticks = ticks;
        _format = format;
    }

    private readonly Func<double, string> _format;

    public double Min { get; }
    public double Max { get; }
    public bool IsLog { get; }
    public double[] Ticks { get; }

    /// <summary>Where <paramref name="value"/> falls, 0 at <see cref="Min"/> to 1 at <see cref="Max"/>.</summary>
    public double Fraction(double value) =>
        IsLog ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
            : (value - Min) / (Max - Min);

    /// <summary>Whether <paramref name="value"/> lies within [Min, Max].</summary>
    public bool Contains(double value) => value >= Min && value <= Max && (!IsLog || value > 0);

    /// <summary>The tick label of <paramref name="value"/>.</summary>
    public string Label(double value) => _format(value);

    /// <summary>A linear scale covering [dataMin, dataMax] with about <paramref name="targetTicks"/> ticks.</summary>
    public static ChartScale Linear(double dataMin, double dataMax, int targetTicks = 6)
    {
        if (!double.IsFinite(dataMin) || !double.IsFinite(dataMax)) (dataMin, dataMax) = (0, 1); // no data
        if (dataMax - dataMin <= Math.Abs(dataMax) * 1e-12)
        {
            // One value: centre it in a range of its own size (or ±1 around zero).
            double half = dataMin == 0 ? 1 : Math.Abs(dataMin) * 0.1;
            (dataMin, dataMax) = (dataMin - half, dataMax + half);
        }
        double step = NiceStep((dataMax - dataMin) / Math.Max(1, targetTicks - 1));
        double min = Math.Floor(dataMin / step + 1e-9) * step;
        double max = Math.Ceiling(dataMax / step - 1e-9) * step;
        int count = (int)Math.Round((max - min) / step) + 1;
        var ticks = new double[count];
        for (int i = 0; i < count; i++)
        {
            double tick = min + i * step;
            ticks[i] = Math.Abs(tick) < step * 1e-9 ? 0 : tick; // no "-0" or 1e-17 from rounding
        }
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        bool scientific = Math.Max(Math.Abs(min), Math.Abs(max)) >= 1e7 || step < 1e-4;
        string format = scientific ? "0.###E+0" : "F" + decimals.ToString(CultureInfo.InvariantCulture);
        return new ChartScale(min, max, false, ticks, v => v.ToString(format, CultureInfo.InvariantCulture));
    }

    /// <summary>A base-10 log scale covering the positive range [dataMin, dataMax].</summary>
    public static ChartScale Log(double dataMin, double dataMax)
    {
        if (!(dataMin > 0 && double.IsFinite(dataMax))) (dataMin, dataMax) = (1, 10); // no positive data
        int lowDecade = (int)Math.Floor(Math.Log10(dataMin) + 1e-12);
        int highDecade = (int)Math.Ceiling(Math.Log10(dataMax) - 1e-12);
        double[] mantissas = highDecade - lowDecade <= 2 ? [1, 2, 5] : [1];
        var candidates = new List<double>();
        for (int k = lowDecade; k <= highDecade; k++)
            foreach (double m in mantissas) candidates.Add(m * Math.Pow(10, k));
        double min = candidates.Where(c => c <= dataMin * (1 + 1e-12)).DefaultIfEmpty(candidates[0]).Max();
        double max = candidates.Where(c => c >= dataMax * (1 - 1e-12)).DefaultIfEmpty(candidates[^1]).Min();
        if (max <= min) max = candidates.First(c => c > min * (1 + 1e-12)); // one value exactly on a candidate
        var ticks = candidates.Where(c => c >= min * (1 - 1e-12) && c <= max * (1 + 1e-12)).ToArray();
        if (ticks.Length > 10)
        {
            // Many decades: label every 2nd, 5th, … decade so labels never crowd, keeping 10⁰ when present.
            int stride = (int)NiceStep(ticks.Length / 10.0);
            ticks = ticks.Where(t => (int)Math.Round(Math.Log10(t)) % stride == 0).ToArray();
        }
        // Outside 0.001 … 10000, "10⁻⁶" reads better than "1E-06" and stays narrow.
        bool powers = min < 1e-3 || max > 1e4;
        return new ChartScale(min, max, true, ticks, v =>
            powers && mantissas.Length == 1 ? PowerOfTen(v) : v.ToString("G4", CultureInfo.InvariantCulture));
    }

    private static string PowerOfTen(double value)
    {
        int exponent = (int)Math.Round(Math.Log10(value));
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var digits = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).Select(d => superscripts[d - '0']);
        return "10" + (exponent < 0 ? "⁻" : "") + string.Concat(digits);
    }

    /// <summary>The smallest 1, 2 or 5 × 10ᵏ at least <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
        return nice * magnitude;
    }
}
