using StreamMl.Core.Drift.Detectors;

namespace StreamMl.Bench.Drift;

/// <summary>A detector of the drift benchmark: its command-line key, its name in the tables, its parameters and a factory.</summary>
public sealed record DetectorEntry(string Key, string Name, string Parameters, Func<IDriftDetector> Create);

/// <summary>The six streaming detectors, each with its defaults (those of River).</summary>
public static class BenchmarkDetectors
{
    public static IReadOnlyList<DetectorEntry> All { get; } =
    [
        new("adwin", "ADWIN", "δ = 0.002, clock 32, M = 5", () => new Adwin()),
        new("pagehinkley", "PageHinkley", "δ = 0.005, λ = 50, α = 0.9999, both directions", () => new PageHinkley()),
        new("ddm", "DDM", "warning 2σ, drift 3σ, 30 values first", () => new Ddm()),
        new("eddm", "EDDM", "α = 0.95, β = 0.9, 30 errors first", () => new Eddm()),
        new("hddm_a", "HDDM_A", "δ_drift = 0.001, δ_warning = 0.005, increases only", () => new HddmA()),
        new("kswin", "KSWIN", "α = 0.005, window 100, stat 30, seed 42", () => new Kswin()),
    ];

    /// <summary>The detector named <paramref name="name"/> (its key or table name, any case, '-' or '_' optional), or null.</summary>
    public static DetectorEntry? Find(string name)
    {
        var wanted = Normalise(name);
        return All.FirstOrDefault(d => Normalise(d.Key) == wanted || Normalise(d.Name) == wanted);
    }

    private static string Normalise(string s) => s.Replace("_", "").Replace("-", "").ToLowerInvariant();
}
