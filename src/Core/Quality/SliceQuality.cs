namespace StreamMl.Core.Quality;

/// <summary>
/// The prequential quality of a slice's predictions per model version (the serving model, a canary, a
/// shadow): each version's outcomes are kept apart, so versions can be compared on the same slice.
/// Updated once per labelled outcome; only its owner touches it.
/// </summary>
public sealed class SliceQuality : IEquatable<SliceQuality>
{
    /// <summary>The version recorded for outcomes of a prediction whose model version is not known.</summary>
    public const string UnknownVersion = "unknown";

    private Dictionary<string, VersionQuality> _versions = new(StringComparer.Ordinal);

    /// <summary>Quality per model version (ordinal keys, also after deserialisation).</summary>
    public Dictionary<string, VersionQuality> Versions
    {
        get => _versions;
        init => _versions = new Dictionary<string, VersionQuality>(value, StringComparer.Ordinal);
    }

    /// <summary>Records an outcome under its model version; that version's window holds <paramref name="windowSize"/> outcomes.</summary>
    public void Record(Outcome outcome, int windowSize)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Record(outcome.ModelVersion, outcome.Score, outcome.PredictedPositive, outcome.Label, windowSize);
    }

    /// <summary>Records an outcome given by its parts (see <see cref="Outcome"/>); a null version is <see cref="UnknownVersion"/>.</summary>
    public void Record(string? modelVersion, double score, bool? predictedPositive, double label, int windowSize)
    {
        var version = modelVersion ?? UnknownVersion;
        if (!_versions.TryGetValue(version, out var quality)) _versions.Add(version, quality = new VersionQuality());
        quality.Record(score, predictedPositive, label, windowSize);
    }

    public SliceQuality Clone()
    {
        var copy = new SliceQuality();
        foreach (var (version, quality) in _versions) copy._versions.Add(version, quality.Clone());
        return copy;
    }

    public bool Equals(SliceQuality? other)
    {
        if (other is null || _versions.Count != other._versions.Count) return false;
        foreach (var (version, quality) in _versions)
        {
            if (!other._versions.TryGetValue(version, out var theirs) || !quality.Equals(theirs)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SliceQuality);

    public override int GetHashCode() => _versions.Count;
}
