namespace StreamMl.Core.Quality;

/// <summary>The quality of one model version in a slice, for reading: lifetime, current window and last closed window.</summary>
/// <param name="WindowIndex">Zero-based index of the current window of this version's outcomes.</param>
public sealed record VersionQualitySummary(long WindowIndex, QualitySummary Lifetime, QualitySummary Window, QualitySummary? LastWindow)
{
    public static VersionQualitySummary From(VersionQuality quality) => new(
        quality.WindowIndex,
        quality.Lifetime.Summary(),
        quality.Window.Summary(),
        quality.LastWindow?.Summary());

    /// <summary>Every version of a slice, by ordinal version order.</summary>
    public static IReadOnlyDictionary<string, VersionQualitySummary> From(SliceQuality quality) =>
        quality.Versions.OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => From(v.Value), StringComparer.Ordinal);
}
