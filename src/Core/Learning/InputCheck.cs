using StreamMl.Core.Spec;

namespace StreamMl.Core.Learning;

/// <summary>The checks every learner makes on what it is given, with messages that name the feature or the value.</summary>
internal static class InputCheck
{
    public static void Features(LearnerSchema schema, in LearnerInput input)
    {
        if (input.Numeric.Length != schema.NumericFeatures.Count)
            throw new ArgumentException($"expected {schema.NumericFeatures.Count} numeric features, got {input.Numeric.Length}", nameof(input));
        if (input.Categorical.Length != schema.CategoricalFeatures.Count)
            throw new ArgumentException($"expected {schema.CategoricalFeatures.Count} categorical features, got {input.Categorical.Length}", nameof(input));
        var numeric = input.Numeric;
        for (var i = 0; i < numeric.Length; i++)
            if (double.IsInfinity(numeric[i]))
                throw new ArgumentException($"numeric feature '{schema.NumericFeatures[i]}' is {numeric[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}: a value must be finite, or NaN when missing", nameof(input));
    }

    public static void Example(LearnerSchema schema, in LearnerInput input, double label, double weight)
    {
        Features(schema, input);
        Label(schema.Label, label);
        Weight(weight);
    }

    public static void Label(LabelKind kind, double label)
    {
        if (kind == LabelKind.Binary)
        {
            if (label is not (0 or 1))
                throw new ArgumentOutOfRangeException(nameof(label), label, "a binary label must be 0 or 1.");
        }
        else if (!double.IsFinite(label))
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, "a numeric label must be finite.");
        }
    }

    public static void Weight(double weight)
    {
        if (!(weight >= 0) || !double.IsFinite(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "weight must be finite and not negative.");
    }

    /// <summary>Requires a learner built for binary labels.</summary>
    public static LearnerSchema Binary(LearnerSchema schema, string learner)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Label == LabelKind.Binary
            ? schema
            : throw new ArgumentException($"{learner} learns binary labels only; the schema's label is {schema.Label}", nameof(schema));
    }
}
