namespace StreamMl.Core.Drift.Detectors;

/// <summary>Parameter checks shared by the detectors' constructors.</summary>
internal static class Guard
{
    /// <summary>Requires <paramref name="value"/> in the open interval (0, 1).</summary>
    public static double Probability(double value, string name) =>
        value > 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in (0, 1).");

    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");

    public static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be non-negative and finite.");

    public static int AtLeast(int value, int minimum, string name) =>
        value >= minimum
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");
}
