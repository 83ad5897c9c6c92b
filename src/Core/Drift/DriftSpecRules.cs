using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Drift;

/// <summary>Turns a spec's drift section into test settings and a detector, and checks it.</summary>
public static class DriftSpecRules
{
    public static readonly string[] Detectors = ["Adwin", "PageHinkley", "Ddm", "Eddm", "HddmA", "Kswin", "None"];

    public static IEnumerable<string> Check(DriftSpec drift, IEnumerable<string> columns)
    {
        var known = columns.ToHashSet(StringComparer.Ordinal);
        if (drift.MinimumSampleSize < 2) yield return "drift.minimumSampleSize: must be at least 2";
        if (drift.DistanceMinimumSampleSize < drift.MinimumSampleSize)
            yield return $"drift.distanceMinimumSampleSize: must be at least drift.minimumSampleSize ({drift.MinimumSampleSize})";
        if (drift.RecoveryWindows < 1) yield return "drift.recoveryWindows: must be at least 1";
        if (drift.Alpha is <= 0 or >= 1) yield return $"drift.alpha: {drift.Alpha} is not in (0, 1)";
        foreach (var (name, value) in new[] { ("psiThreshold", drift.PsiThreshold), ("jensenShannonThreshold", drift.JensenShannonThreshold),
                     ("wassersteinThreshold", drift.WassersteinThreshold), ("lInfinityThreshold", drift.LInfinityThreshold) })
            if (!(value > 0)) yield return $"drift.{name}: must be positive";
        if (!Detectors.Contains(drift.ErrorDetector)) yield return $"drift.errorDetector: '{drift.ErrorDetector}' is not one of {string.Join(", ", Detectors)}";
        foreach (var (feature, tests) in drift.Features)
        {
            if (!known.Contains(feature)) yield return $"drift.features: '{feature}' is not a feature or derived column";
            foreach (var test in tests)
                if (!Enum.TryParse<DriftTestKind>(test, out _)) yield return $"drift.features.{feature}: '{test}' is not a drift test";
        }
    }

    public static DriftSettings Settings(DriftSpec drift) => new()
    {
        MinimumSampleSize = drift.MinimumSampleSize,
        DistanceMinimumSampleSize = drift.DistanceMinimumSampleSize,
        Alpha = drift.Alpha,
        PsiThreshold = drift.PsiThreshold,
        JensenShannonThreshold = drift.JensenShannonThreshold,
        WassersteinThreshold = drift.WassersteinThreshold,
        LInfinityThreshold = drift.LInfinityThreshold,
        FeatureTests = drift.Features.ToDictionary(
            f => f.Key,
            f => (IReadOnlyList<DriftTestKind>)f.Value.Select(Enum.Parse<DriftTestKind>).ToArray(),
            StringComparer.Ordinal),
    };

    /// <summary>A fresh error-stream detector with its published defaults, or null for None.</summary>
    public static IDriftDetector? ErrorDetector(DriftSpec drift) => drift.ErrorDetector switch
    {
        "Adwin" => new Adwin(),
        "PageHinkley" => new PageHinkley(),
        "Ddm" => new Ddm(),
        "Eddm" => new Eddm(),
        "HddmA" => new HddmA(),
        "Kswin" => new Kswin(),
        _ => null,
    };
}
