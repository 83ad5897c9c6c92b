namespace StreamMl.Core.Spec;

/// <summary>A spec turned into the lookup tables that ingestion needs on every event.</summary>
public sealed class CompiledSpec
{
    public CompiledSpec(PipelineSpec spec)
    {
        Spec = spec;
        Hash = SpecLoader.Hash(spec);
        NumericFeatures = spec.Features.Where(f => f.Kind == ColumnKind.Numeric).ToArray();
        CategoricalFeatures = spec.Features.Where(f => f.Kind == ColumnKind.Categorical).ToArray();
        for (var i = 0; i < NumericFeatures.Count; i++) FeatureSlots[NumericFeatures[i].Name] = new FeatureSlot(ColumnKind.Numeric, i);
        for (var i = 0; i < CategoricalFeatures.Count; i++) FeatureSlots[CategoricalFeatures[i].Name] = new FeatureSlot(ColumnKind.Categorical, i);
        AllowedValues = CategoricalFeatures.Select(f => f.Values is null ? null : new HashSet<string>(f.Values, StringComparer.Ordinal)).ToArray();
        Derived = spec.Derived.Select(d => new CompiledDerivedColumn(d, FeatureSlots[d.Source].Index)).ToArray();
        Slices = spec.Slices.Select(s => SpecRules.SliceColumns(s).Select(ResolveColumn).ToArray()).ToArray();
        FeatureLookup = FeatureSlots.GetAlternateLookup<ReadOnlySpan<char>>();
        DriftSettings = Drift.DriftSpecRules.Settings(spec.Drift);
        ProfileColumns = NumericFeatures.Select(f => f.Name).Concat(CategoricalFeatures.Select(f => f.Name)).Concat(Derived.Select(d => d.Name)).ToArray();
    }

    /// <summary>The columns a slice profiles, in the order of an observation's values: numeric, categorical, derived.</summary>
    public IReadOnlyList<string> ProfileColumns { get; }

    /// <summary>The spec's drift section as test settings.</summary>
    public Drift.DriftSettings DriftSettings { get; }

    public PipelineSpec Spec { get; }
    public string Hash { get; }
    public IReadOnlyList<FeatureSpec> NumericFeatures { get; }
    public IReadOnlyList<FeatureSpec> CategoricalFeatures { get; }
    public IReadOnlyList<CompiledDerivedColumn> Derived { get; }

    /// <summary>Per slice definition, the columns it combines (categorical feature or derived column).</summary>
    public IReadOnlyList<SliceColumn[]> Slices { get; }

    internal Dictionary<string, FeatureSlot> FeatureSlots { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, FeatureSlot>.AlternateLookup<ReadOnlySpan<char>> FeatureLookup { get; }
    internal HashSet<string>?[] AllowedValues { get; }

    private SliceColumn ResolveColumn(string name)
    {
        for (var i = 0; i < CategoricalFeatures.Count; i++)
            if (CategoricalFeatures[i].Name == name) return new SliceColumn(name, i, IsDerived: false);
        for (var i = 0; i < Derived.Count; i++)
            if (Derived[i].Name == name) return new SliceColumn(name, i, IsDerived: true);
        throw new SpecException($"slices: '{name}' is not a categorical or derived column");
    }
}

/// <summary>Where a feature's value is kept in a <see cref="Ingestion.ValidEvent"/>.</summary>
internal readonly record struct FeatureSlot(ColumnKind Kind, int Index);

/// <summary>One column of a slice definition.</summary>
public readonly record struct SliceColumn(string Name, int Index, bool IsDerived);

/// <summary>A derived column ready to evaluate.</summary>
public sealed class CompiledDerivedColumn(DerivedColumnSpec spec, int sourceIndex)
{
    public string Name => spec.Name;
    public int SourceIndex => sourceIndex;

    /// <summary>How many labels the column has (one more than its bounds).</summary>
    public int LabelCount => spec.Labels.Count;

    /// <summary>The bucket label for x, or null when x is missing.</summary>
    public string? Evaluate(double x) => LabelAt(BucketOf(x));

    /// <summary>The index of x's bucket (of its label), or -1 when x is missing.</summary>
    public int BucketOf(double x)
    {
        if (double.IsNaN(x)) return -1;
        var bounds = spec.Bounds;
        for (var i = 0; i < bounds.Count; i++)
            if (x < bounds[i]) return i;
        return bounds.Count;
    }

    /// <summary>The label of bucket <paramref name="bucket"/>, or null for -1 (missing).</summary>
    public string? LabelAt(int bucket) => bucket < 0 ? null : spec.Labels[bucket];
}
