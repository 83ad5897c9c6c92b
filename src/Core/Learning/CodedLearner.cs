using StreamMl.Core.Learning.Features;

namespace StreamMl.Core.Learning;

/// <summary>
/// The base of the learners that number each categorical feature's values in order of first appearance (naive Bayes,
/// the Hoeffding trees and the tree ensembles): it checks the input, turns categories into codes without allocating,
/// counts updates, and saves the codes with the model.
/// </summary>
public abstract class CodedLearner : IOnlineLearner
{
    private const int StackCodes = 128;

    protected CodedLearner(LearnerSchema schema)
    {
        Schema = schema;
        Codes = new CategoryCodes(schema.CategoricalFeatures.Count);
    }

    public LearnerSchema Schema { get; }

    public long Updates { get; private set; }

    public abstract long MemoryBytes { get; }

    /// <summary>The codes of the categories seen so far, by feature.</summary>
    internal CategoryCodes Codes { get; }

    public double Predict(in LearnerInput input)
    {
        InputCheck.Features(Schema, input);
        var n = input.Categorical.Length;
        Span<int> codes = n <= StackCodes ? stackalloc int[n] : new int[n];
        Codes.Encode(input.Categorical, codes, learn: false);
        return PredictEncoded(input.Numeric, codes);
    }

    public void Learn(in LearnerInput input, double label, double weight = 1)
    {
        InputCheck.Example(Schema, input, label, weight);
        if (weight == 0) return;
        var n = input.Categorical.Length;
        Span<int> codes = n <= StackCodes ? stackalloc int[n] : new int[n];
        Codes.Encode(input.Categorical, codes, learn: true);
        LearnEncoded(input.Numeric, codes, (int)label, weight);
        Updates++;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Updates);
        Codes.Save(writer);
        WriteModel(writer);
    }

    public void ReadState(BinaryReader reader)
    {
        Updates = reader.ReadInt64();
        Codes.Load(reader);
        ReadModel(reader);
    }

    /// <summary>P(label = 1) of numeric values and category codes already checked.</summary>
    protected abstract double PredictEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes);

    /// <summary>Learns a checked example with a positive weight.</summary>
    protected abstract void LearnEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes, int label, double weight);

    protected abstract void WriteModel(BinaryWriter writer);

    protected abstract void ReadModel(BinaryReader reader);
}
