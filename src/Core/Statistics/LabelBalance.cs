using System.Text.Json.Serialization;

namespace StreamMl.Core.Statistics;

/// <summary>Counts per class label, mergeable.</summary>
public sealed class LabelBalance : IEquatable<LabelBalance>
{
    private SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Count per label, ordinally sorted (a copy on set keeps the ordinal order after deserialisation).</summary>
    public SortedDictionary<string, long> Counts
    {
        get => _counts;
        init => _counts = new SortedDictionary<string, long>(value, StringComparer.Ordinal);
    }

    [JsonIgnore]
    public long Total => _counts.Values.Sum();

    public void Add(string label, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(label);
        _counts[label] = _counts.GetValueOrDefault(label) + count;
    }

    public void Merge(LabelBalance other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (label, count) in other._counts) Add(label, count);
    }

    public LabelBalance Clone() => new() { Counts = _counts };

    public bool Equals(LabelBalance? other) => other is not null && _counts.SequenceEqual(other._counts);

    public override bool Equals(object? obj) => Equals(obj as LabelBalance);

    public override int GetHashCode() => _counts.Count;
}
