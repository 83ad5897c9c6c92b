namespace StreamMl.Core.Statistics;

/// <summary>A whole profile of a slice: per-feature statistics, label balance, score distribution and event count.</summary>
public sealed class StatisticsSet : IEquatable<StatisticsSet>
{
    private Dictionary<string, FeatureStatistics> _features = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _slotColumns;
    private FeatureStatistics[]? _slots;

    /// <summary>Statistics per feature name (ordinal keys, also after deserialisation).</summary>
    public Dictionary<string, FeatureStatistics> Features
    {
        get => _features;
        init => _features = new Dictionary<string, FeatureStatistics>(value, StringComparer.Ordinal);
    }

    public LabelBalance Labels { get; init; } = new();

    public ScoreDistribution Scores { get; init; } = new();

    public long Events { get; set; }

    public static StatisticsSet Create(IEnumerable<(string name, FeatureKind kind)> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var set = new StatisticsSet();
        foreach (var (name, kind) in features) set._features.Add(name, new FeatureStatistics(kind));
        return set;
    }

    /// <summary>
    /// The statistics of <paramref name="columns"/>, in that order, for the hot path to index instead of looking
    /// names up per value; kept for the same list instance (a feature's statistics object never changes).
    /// </summary>
    /// <exception cref="KeyNotFoundException">A column this profile does not have.</exception>
    public FeatureStatistics[] Slots(IReadOnlyList<string> columns)
    {
        if (ReferenceEquals(_slotColumns, columns) && _slots is not null) return _slots;
        var slots = new FeatureStatistics[columns.Count];
        for (var i = 0; i < slots.Length; i++) slots[i] = _features[columns[i]];
        (_slots, _slotColumns) = (slots, columns);
        return slots;
    }

    /// <summary>
    /// Gives this profile's empty sketches (its numeric features' and its scores') the room those of
    /// <paramref name="other"/> take: a new window made like the one before fills them without growing them.
    /// </summary>
    internal StatisticsSet ReserveLike(StatisticsSet other)
    {
        foreach (var (name, mine) in _features)
            if (mine.Sketch is { } sketch && other._features.TryGetValue(name, out var theirs) && theirs.Sketch is { } like)
                sketch.ReserveLike(like);
        Scores.Sketch.ReserveLike(other.Scores.Sketch);
        return this;
    }

    /// <summary>Folds another profile in; features only the other side knows are copied.</summary>
    public void Merge(StatisticsSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (name, stats) in other._features)
        {
            if (_features.TryGetValue(name, out var mine)) mine.Merge(stats);
            else _features.Add(name, stats.Clone());
        }
        Labels.Merge(other.Labels);
        Scores.Merge(other.Scores);
        Events += other.Events;
    }

    public StatisticsSet Clone()
    {
        var copy = new StatisticsSet { Labels = Labels.Clone(), Scores = Scores.Clone(), Events = Events };
        foreach (var (name, stats) in _features) copy._features.Add(name, stats.Clone());
        return copy;
    }

    public bool Equals(StatisticsSet? other)
    {
        if (other is null || Events != other.Events || _features.Count != other._features.Count) return false;
        foreach (var (name, stats) in _features)
        {
            if (!other._features.TryGetValue(name, out var theirs) || !stats.Equals(theirs)) return false;
        }
        return Labels.Equals(other.Labels) && Scores.Equals(other.Scores);
    }

    public override bool Equals(object? obj) => Equals(obj as StatisticsSet);

    public override int GetHashCode() => HashCode.Combine(Events, _features.Count);
}
