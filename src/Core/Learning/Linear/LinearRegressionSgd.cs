using StreamMl.Core.Spec;

namespace StreamMl.Core.Learning.Linear;

/// <summary>Linear regression for a numeric label, learnt by stochastic gradient descent, one step per example.</summary>
/// <remarks>
/// <para>
/// ŷ = w·z + b, z the standardised features and hashed categories of <see cref="LinearEncoder"/>. Each
/// example takes one step down the gradient of its squared loss ½(ŷ − y)²: w ← w − η((ŷ − y) z + λ w),
/// b ← b − η_b (ŷ − y), scaled by the example's weight. The label is not scaled: with η = 0.01 a step is
/// stable while the number of features set by an event stays well under 1/η.
/// </para>
/// <para>
/// Parameters and defaults (River's <c>linear_model.LinearRegression</c>): <c>learningRate</c> η = 0.01,
/// <c>interceptLearningRate</c> η_b = 0.01, <c>l2</c> λ = 0, <c>hashBuckets</c> = 1024. Missing values as in
/// <see cref="LogisticRegressionSgd"/>.
/// </para>
/// <para>Reference: B. Widrow, M. E. Hoff, "Adaptive switching circuits", IRE WESCON Convention Record, 1960 (the LMS rule).</para>
/// </remarks>
public sealed class LinearRegressionSgd : IOnlineLearner
{
    private readonly SgdModel _model;

    public LinearRegressionSgd(LearnerSchema schema, SgdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema.Label == LabelKind.Numeric
            ? schema
            : throw new ArgumentException($"linear-sgd learns numeric labels only; the schema's label is {schema.Label}", nameof(schema));
        Options = (options ?? new SgdOptions()).Validated();
        _model = new SgdModel(schema, Options);
    }

    public LearnerSchema Schema { get; }
    public SgdOptions Options { get; }
    public long Updates { get; private set; }
    public long MemoryBytes => 48 + _model.MemoryBytes;

    internal SgdModel Model => _model;

    /// <summary>The intercept and numeric weights in the features' own units.</summary>
    public (double Intercept, double[] Weights) Coefficients() => _model.InFeatureUnits();

    public double Predict(in LearnerInput input)
    {
        InputCheck.Features(Schema, input);
        return _model.Score(input);
    }

    public void Learn(in LearnerInput input, double label, double weight = 1)
    {
        InputCheck.Example(Schema, input, label, weight);
        if (weight == 0) return;
        _model.Step(input, label, weight, logistic: false);
        Updates++;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Updates);
        _model.Save(writer);
    }

    public void ReadState(BinaryReader reader)
    {
        Updates = reader.ReadInt64();
        _model.Load(reader);
    }
}
