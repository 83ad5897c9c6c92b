using StreamMl.Core.Spec;

namespace StreamMl.Core.Learning;

/// <summary>What a learner is built for: its numeric and categorical features, in input order, and the kind of label.</summary>
/// <remarks>
/// The order is the order of <see cref="LearnerInput.Numeric"/> and <see cref="LearnerInput.Categorical"/>,
/// which for a spec is the order of <see cref="Ingestion.ValidEvent.Numeric"/> and
/// <see cref="Ingestion.ValidEvent.Categorical"/> (<see cref="FromSpec"/>).
/// </remarks>
public sealed class LearnerSchema
{
    public LearnerSchema(IReadOnlyList<string> numericFeatures, IReadOnlyList<string> categoricalFeatures, LabelKind label)
    {
        ArgumentNullException.ThrowIfNull(numericFeatures);
        ArgumentNullException.ThrowIfNull(categoricalFeatures);
        if (!Enum.IsDefined(label)) throw new ArgumentOutOfRangeException(nameof(label), label, "label must be Binary or Numeric.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in numericFeatures.Concat(categoricalFeatures))
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("feature names must not be empty", nameof(numericFeatures));
            if (!seen.Add(name)) throw new ArgumentException($"feature '{name}' is named twice", nameof(numericFeatures));
        }
        NumericFeatures = numericFeatures.ToArray();
        CategoricalFeatures = categoricalFeatures.ToArray();
        Label = label;
    }

    public IReadOnlyList<string> NumericFeatures { get; }
    public IReadOnlyList<string> CategoricalFeatures { get; }
    public LabelKind Label { get; }

    /// <summary>Numeric and categorical features together.</summary>
    public int FeatureCount => NumericFeatures.Count + CategoricalFeatures.Count;

    /// <summary>The features and label of a compiled spec, in the layout of its validated events.</summary>
    public static LearnerSchema FromSpec(CompiledSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new LearnerSchema(
            spec.NumericFeatures.Select(f => f.Name).ToArray(),
            spec.CategoricalFeatures.Select(f => f.Name).ToArray(),
            spec.Spec.Label.Kind);
    }

    /// <summary>The name of the numeric input that holds the i-th most recent revealed label (1-based).</summary>
    public static string RevealedLabelName(int i) => "revealedLabel" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal void Save(BinaryWriter writer)
    {
        writer.Write((byte)Label);
        writer.Write(NumericFeatures.Count);
        foreach (var name in NumericFeatures) writer.Write(name);
        writer.Write(CategoricalFeatures.Count);
        foreach (var name in CategoricalFeatures) writer.Write(name);
    }

    internal static LearnerSchema Load(BinaryReader reader)
    {
        var label = (LabelKind)reader.ReadByte();
        var numeric = ReadNames(reader);
        var categorical = ReadNames(reader);
        return new LearnerSchema(numeric, categorical, label);
    }

    internal bool SameAs(LearnerSchema other) =>
        Label == other.Label
        && NumericFeatures.SequenceEqual(other.NumericFeatures, StringComparer.Ordinal)
        && CategoricalFeatures.SequenceEqual(other.CategoricalFeatures, StringComparer.Ordinal);

    private static string[] ReadNames(BinaryReader reader)
    {
        var count = StateFormat.ReadCount(reader, 1);
        var names = new string[count];
        for (var i = 0; i < count; i++) names[i] = reader.ReadString();
        return names;
    }
}
