namespace StreamMl.Core.Learning.Baselines;

/// <summary>The no-change baseline: predicts the last label it learnt.</summary>
/// <remarks>
/// <para>
/// For a binary label it answers probability 1 or 0, the last label; for a numeric label that label's
/// value. Before its first label it answers 0.5 (binary) or 0 (numeric). Features are checked but not
/// used. On a stream whose labels come in runs (Elec2: 85.33 % at label delay 1) it is the bar that a model
/// must clear to have learnt anything from the features; at a long delay it is close to chance.
/// </para>
/// <para>
/// Reference: A. Bifet, J. Read, I. Žliobaitė, B. Pfahringer, G. Holmes, "Pitfalls in benchmarking data
/// stream classification and how to avoid them", ECML PKDD 2013 (the no-change classifier as the baseline
/// of streams with temporal dependence, Elec2 among them); River's <c>dummy.NoChangeClassifier</c>.
/// </para>
/// </remarks>
public sealed class NoChange : IOnlineLearner
{
    private double _last = double.NaN;

    public NoChange(LearnerSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
    }

    public LearnerSchema Schema { get; }
    public long Updates { get; private set; }
    public long MemoryBytes => 40;

    public double Predict(in LearnerInput input)
    {
        InputCheck.Features(Schema, input);
        if (!double.IsNaN(_last)) return _last;
        return Schema.Label == Spec.LabelKind.Binary ? 0.5 : 0;
    }

    public void Learn(in LearnerInput input, double label, double weight = 1)
    {
        InputCheck.Example(Schema, input, label, weight);
        if (weight == 0) return;
        _last = label;
        Updates++;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Updates);
        writer.Write(_last);
    }

    public void ReadState(BinaryReader reader)
    {
        Updates = reader.ReadInt64();
        _last = reader.ReadDouble();
        if (!double.IsNaN(_last)) InputCheck.Label(Schema.Label, _last);
    }
}
