using StreamMl.Core.Spec;

namespace StreamMl.Core.Learning;

/// <summary>How a model with a label history hands the revealed labels to its learner: k more features after the schema's own.</summary>
/// <remarks>
/// A binary label's history is categorical, values "0" and "1": trees then split on it and naive Bayes counts
/// it exactly, where a Gaussian summary of a 0/1 variable would blur both. A numeric label's history is
/// numeric. A label not revealed yet is missing (null or NaN).
/// </remarks>
internal sealed class LabelHistoryInputs
{
    private static readonly string[] Classes = ["0", "1"];

    private readonly LearnerSchema _schema;
    private readonly int _k;
    private readonly string?[] _categorical;

    public LabelHistoryInputs(LearnerSchema schema, int k)
    {
        _schema = schema;
        _k = k;
        _categorical = new string?[schema.CategoricalFeatures.Count + (Categorical ? k : 0)];
        Extended = k == 0 ? schema
            : Categorical ? new LearnerSchema(schema.NumericFeatures, [.. schema.CategoricalFeatures, .. Names(k)], schema.Label)
            : new LearnerSchema([.. schema.NumericFeatures, .. Names(k)], schema.CategoricalFeatures, schema.Label);
    }

    /// <summary>The schema the learner is built for.</summary>
    public LearnerSchema Extended { get; }

    /// <summary>Numeric values one extended input needs room for.</summary>
    public int NumericWidth => Extended.NumericFeatures.Count;

    private bool Categorical => _schema.Label == LabelKind.Binary;

    /// <summary>The input with the history appended; <paramref name="numeric"/> holds the numeric part.</summary>
    /// <remarks>The categorical part lives in a buffer of this object: not for concurrent use.</remarks>
    public LearnerInput Extend(in LearnerInput input, Span<double> numeric)
    {
        if (input.Numeric.Length != _schema.NumericFeatures.Count)
            throw new ArgumentException($"expected {_schema.NumericFeatures.Count} numeric features, got {input.Numeric.Length}", nameof(input));
        if (input.Categorical.Length != _schema.CategoricalFeatures.Count)
            throw new ArgumentException($"expected {_schema.CategoricalFeatures.Count} categorical features, got {input.Categorical.Length}", nameof(input));
        input.Numeric.CopyTo(numeric);
        input.Categorical.CopyTo(_categorical);
        var revealed = input.RevealedLabels;
        for (var i = 0; i < _k; i++)
        {
            var label = i < revealed.Length ? revealed[i] : double.NaN;
            if (!double.IsNaN(label) && !(Categorical ? label is 0 or 1 : double.IsFinite(label)))
                throw new ArgumentException($"revealed label {i + 1} is {label}: it must be NaN (not known yet) or a {_schema.Label.ToString().ToLowerInvariant()} label", nameof(input));
            if (Categorical) _categorical[_schema.CategoricalFeatures.Count + i] = double.IsNaN(label) ? null : Classes[(int)label];
            else numeric[_schema.NumericFeatures.Count + i] = label;
        }
        return new LearnerInput(numeric[..NumericWidth], _categorical);
    }

    private static IEnumerable<string> Names(int k) => Enumerable.Range(1, k).Select(LearnerSchema.RevealedLabelName);
}
