using Xunit;

using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

/// <summary>The literal samples of scipy_reference.py (same names, same order) and comparison helpers.</summary>
internal static class DriftSamples
{
    /// <summary>Settings that let the small literal samples through the minimum-sample check.</summary>
    public static readonly DriftSettings Small = new() { MinimumSampleSize = 1 };

    public static readonly double[] NormalA = [0.0, 0.3, -0.27, -0.89, -0.45, -0.99, 0.06, 1.34, -0.49, -0.62, 0.49, 0.36, 0.11, -0.93, -0.03, 0.7, -1.34, -0.46, -1.9, -1.29, -1.84, -0.24, -1.27, 0.27, 0.16, -0.19, -2.52, -0.54, -0.05, 0.11];
    public static readonly double[] NormalB = [-1.24, 0.03, -0.57, -0.37, 1.87, -0.37, 0.56, 1.66, -0.1, 0.47, 0.73, 0.68, -0.87, 0.69, 2.23, -1.26, 1.63, 0.74, -0.17, 3.0, 1.51, -0.84, 0.69, 1.29, 0.37];
    public static readonly double[] TiesA = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 2, 3, 1, 4, 3, 2, 3, 4];
    public static readonly double[] TiesB = [2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 3, 4, 2, 5, 4, 3, 4, 5, 6, 4, 3];
    public static readonly double[] SkewedA = [1.73, 0.95, 1.71, 3.16, 0.58, 1.18, 0.69, 1.11, 0.39, 0.63, 0.85, 2.05, 2.5, 0.35, 0.53, 1.68, 0.2, 0.69, 0.93, 2.73, 1.74, 0.77, 0.74, 0.82];
    public static readonly double[] SkewedB = [5.58, 1.17, 1.29, 2.19, 1.5, 1.41, 0.68, 1.63, 1.16, 4.19, 2.78, 1.62, 2.81, 1.26, 3.83, 1.64, 2.63, 0.59, 2.18, 0.43, 0.32, 1.29, 0.8, 1.88, 9.93, 0.85, 1.0, 1.94, 2.45, 1.43, 1.4, 2.89, 2.5, 0.72, 1.55, 1.7];

    public static (double[] A, double[] B) Numeric(string name) => name switch
    {
        "normal" => (NormalA, NormalB),
        "ties" => (TiesA, TiesB),
        "skewed" => (SkewedA, SkewedB),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The category tables of scipy_reference.py; a zero entry is kept in the dictionary, as a caller might.</summary>
    public static (Dictionary<string, long> Reference, Dictionary<string, long> Current) Categories(string name)
    {
        var (keys, r, c) = name switch
        {
            "three" => (new[] { "a", "b", "c" }, new long[] { 30, 50, 20 }, new long[] { 25, 40, 35 }),
            "empty" => (["a", "b", "c", "d", "e"], [10, 0, 5, 7, 0], [12, 0, 0, 9, 4]),
            "labels" => (["0", "1"], [500, 500], [700, 300]),
            "many" => (["u", "v", "w", "x", "y", "z"], [120, 80, 40, 33, 20, 7], [100, 95, 30, 41, 12, 22]),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        return (Table(keys, r), Table(keys, c));
    }

    private static Dictionary<string, long> Table(string[] keys, long[] counts) =>
        keys.Zip(counts).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>Asserts |actual − expected| ≤ tolerance · max(|expected|, tiny).</summary>
    public static void AssertRelative(double expected, double actual, double tolerance)
    {
        var scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(actual - expected) <= tolerance * scale,
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / scale:E2} > {tolerance:E0})");
    }
}
