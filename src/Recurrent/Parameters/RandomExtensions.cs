namespace Recurrent.Parameters;

/// <summary>Draws that System.Random lacks; every caller passes its own seeded instance.</summary>
public static class RandomExtensions
{
    /// <summary>A standard normal draw N(0, 1) by the Box–Muller transform (two uniforms per draw, no cached state, so
    /// the stream depends only on the seed).</summary>
    public static double NextGaussian(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(); // (0, 1]: log is finite
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
