using StreamMl.Core.Drift.Detectors;

namespace StreamMl.Tests.Detectors;

/// <summary>Seeded input streams for the drift detectors and a helper that runs one through a detector.</summary>
internal static class DetectorStreams
{
    public const int ChangeAt = 1_000;

    /// <summary>0/1 errors with rate <paramref name="before"/> up to <see cref="ChangeAt"/>, then <paramref name="after"/>.</summary>
    public static double[] Errors(int n, int seed, double before, double after)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = random.NextDouble() < (i < ChangeAt ? before : after) ? 1 : 0;
        return values;
    }

    /// <summary>Normal values, sd 1, with mean <paramref name="before"/> up to <see cref="ChangeAt"/>, then <paramref name="after"/>.</summary>
    public static double[] Normal(int n, int seed, double before, double after)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Box–Muller; 1 - U keeps the logarithm's argument in (0, 1].
            var z = Math.Sqrt(-2 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = (i < ChangeAt ? before : after) + z;
        }
        return values;
    }

    /// <summary>Uniform values on [0, 1) up to <see cref="ChangeAt"/>, then on [shift, 1 + shift).</summary>
    public static double[] Uniform(int n, int seed, double shift)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = random.NextDouble() + (i < ChangeAt ? 0 : shift);
        return values;
    }

    /// <summary>Indices of the updates that reported a drift.</summary>
    public static int[] Detections(IDriftDetector detector, IReadOnlyList<double> stream) =>
        Run(detector, stream).Drifts;

    public static (int[] Drifts, int[] Warnings) Run(IDriftDetector detector, IReadOnlyList<double> stream)
    {
        List<int> drifts = [], warnings = [];
        for (var i = 0; i < stream.Count; i++)
        {
            detector.Update(stream[i]);
            if (detector.DriftDetected) drifts.Add(i);
            if (detector.WarningDetected) warnings.Add(i);
        }
        return (drifts.ToArray(), warnings.ToArray());
    }
}
