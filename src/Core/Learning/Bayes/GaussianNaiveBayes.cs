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
public sealed class GaussianNaiveBayes : CodedLearner
{
    private ClassStatistics _statistics;

    public GaussianNaiveBayes(LearnerSchema schema) : base(InputCheck.Binary(schema, "naive-bayes"))
    {
        _statistics = NewStatistics();
    }

    public override long MemoryBytes => 64 + _statistics.MemoryBytes() + Codes.MemoryBytes();

    internal ClassStatistics Statistics => _statistics;

    protected override double PredictEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes)
    {
        return _statistics.NaiveBayes(numeric, codes);
    }

    protected override void LearnEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes, int label, double weight)
    {
        _statistics.Update(numeric, codes, label, weight);
    }

    protected override void WriteModel(BinaryWriter writer)
    {
        _statistics.Save(writer);
    }

    protected override void ReadModel(BinaryReader reader)
    {
        var statistics = ClassStatistics.Load(reader, Schema.NumericFeatures.Count, Schema.CategoricalFeatures.Count);
        if (statistics.NumericAttributes.Length != Schema.NumericFeatures.Count || statistics.CategoricalAttributes.Length != Schema.CategoricalFeatures.Count)
            throw new InvalidDataException("naive Bayes: the statistics do not cover every feature");
        _statistics = statistics;
    }

    private ClassStatistics NewStatistics() => new(
        Enumerable.Range(0, Schema.NumericFeatures.Count).ToArray(),
        Enumerable.Range(0, Schema.CategoricalFeatures.Count).ToArray());
}
