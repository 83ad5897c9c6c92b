using StreamMl.Core.Learning.Features;

namespace StreamMl.Core.Learning.Bayes;

/// <summary>Gaussian naive Bayes for a binary label: a Gaussian per class for numeric features, Laplace-smoothed counts for categorical ones.</summary>
/// <remarks>
/// <para>
/// P(y | x) ∝ P(y) Π_a p(x_a | y), the features taken as independent given the class. Each class's prior
/// is its share of the learnt weight; each numeric feature has a weighted mean and variance per class
/// (the variance floored at 10⁻⁹ of the feature's pooled variance); each categorical value has a
/// Laplace-smoothed frequency per class, (n_{v,y} + 1) / (n_y + K + 1) for K values seen. The model is exact
/// for the stream so far: the order of the examples does not change it. No hyper-parameters.
/// </para>
/// <para>
/// Missing values and categories not yet learnt add no evidence. Before any label the answer is 0.5; while
/// only one class has been seen it is that class with certainty.
/// </para>
/// <para>
/// Reference: T. F. Chan, G. H. Golub, R. J. LeVeque, "Updating formulae and a pairwise algorithm for
/// computing sample variances", 1979 (the running moments); scikit-learn's <c>GaussianNB.partial_fit</c> and
/// River's <c>naive_bayes.GaussianNB</c> (the same model).
/// </para>
/// </remarks>
public sealed class GaussianNaiveBayes : IOnlineLearner
{
    private readonly CategoryCodes _codes;
    private ClassStatistics _statistics;

    public GaussianNaiveBayes(LearnerSchema schema)
    {
        Schema = InputCheck.Binary(schema, "naive-bayes");
        _codes = new CategoryCodes(schema.CategoricalFeatures.Count);
        _statistics = NewStatistics();
    }

    public LearnerSchema Schema { get; }
    public long Updates { get; private set; }
    public long MemoryBytes => 64 + _statistics.MemoryBytes() + _codes.MemoryBytes();

    internal ClassStatistics Statistics => _statistics;
    internal CategoryCodes Codes => _codes;

    public double Predict(in LearnerInput input)
    {
        InputCheck.Features(Schema, input);
        var n = input.Categorical.Length;
        Span<int> codes = n <= 128 ? stackalloc int[n] : new int[n];
        _codes.Encode(input.Categorical, codes, learn: false);
        return _statistics.NaiveBayes(input.Numeric, codes);
    }

    public void Learn(in LearnerInput input, double label, double weight = 1)
    {
        InputCheck.Example(Schema, input, label, weight);
        if (weight == 0) return;
        var n = input.Categorical.Length;
        Span<int> codes = n <= 128 ? stackalloc int[n] : new int[n];
        _codes.Encode(input.Categorical, codes, learn: true);
        _statistics.Update(input.Numeric, codes, (int)label, weight);
        Updates++;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Updates);
        _codes.Save(writer);
        _statistics.Save(writer);
    }

    public void ReadState(BinaryReader reader)
    {
        Updates = reader.ReadInt64();
        _codes.Load(reader);
        var statistics = ClassStatistics.Load(reader, Schema.NumericFeatures.Count, Schema.CategoricalFeatures.Count);
        if (statistics.NumericAttributes.Length != Schema.NumericFeatures.Count || statistics.CategoricalAttributes.Length != Schema.CategoricalFeatures.Count)
            throw new InvalidDataException("naive Bayes: the statistics do not cover every feature");
        _statistics = statistics;
    }

    private ClassStatistics NewStatistics() => new(
        Enumerable.Range(0, Schema.NumericFeatures.Count).ToArray(),
        Enumerable.Range(0, Schema.CategoricalFeatures.Count).ToArray());
}
