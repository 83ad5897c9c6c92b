using StreamMl.Core.Spec;

namespace StreamMl.Core.Learning.Baselines;

/// <summary>The prior baseline: the weighted share of positive labels learnt (binary), or their weighted running mean (numeric).</summary>
/// <remarks>
/// Its predicted class is the majority class so far. Before its first label it answers 0.5 (binary) or 0
/// (numeric). Features are checked but not used. Reference: River's <c>dummy.PriorClassifier</c> and
/// <c>dummy.StatisticRegressor(stats.Mean())</c>.
/// </remarks>
public sealed class Prior : IOnlineLearner
{
    private double _weight;
    private double _mean;

    public Prior(LearnerSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
    }

    public LearnerSchema Schema { get; }
    public long Updates { get; private set; }
    public long MemoryBytes => 48;

    public double Predict(in LearnerInput input)
    {
        InputCheck.Features(Schema, input);
        if (_weight > 0) return _mean;
        return Schema.Label == LabelKind.Binary ? 0.5 : 0;
    }

    public void Learn(in LearnerInput input, double label, double weight = 1)
    {
        InputCheck.Example(Schema, input, label, weight);
        if (weight == 0) return;
        _weight += weight;
        _mean += weight * (label - _mean) / _weight;
        Updates++;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Updates);
        writer.Write(_weight);
        writer.Write(_mean);
    }

    public void ReadState(BinaryReader reader)
    {
        Updates = reader.ReadInt64();
        _weight = StateFormat.Weight(reader.ReadDouble(), "prior weight");
        _mean = reader.ReadDouble();
        if (!double.IsFinite(_mean)) throw new InvalidDataException($"prior mean: {_mean} is not finite");
    }
}
