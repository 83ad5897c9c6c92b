namespace StreamMl.Core.Learning.Linear;

/// <summary>Logistic regression for a binary label, learnt by stochastic gradient descent, one step per example.</summary>
/// <remarks>
/// <para>
/// P(1 | x) = σ(w·z + b), z the standardised features and hashed categories of <see cref="LinearEncoder"/>.
/// Each example moves the weights by one step down the gradient of its log loss, w ← w − η((σ − y) z + λ w)
/// and b ← b − η_b (σ − y), scaled by the example's weight; the scaler learns the example before it is
/// standardised for that step, as in River's <c>StandardScaler | LogisticRegression</c>.
/// </para>
/// <para>
/// Parameters and defaults (River's <c>linear_model.LogisticRegression</c>): <c>learningRate</c> η = 0.01,
/// <c>interceptLearningRate</c> η_b = 0.01, <c>l2</c> λ = 0, <c>hashBuckets</c> = 1024. Missing numeric values
/// standardise to 0 (the running mean) and so add nothing; missing categories set no bucket.
/// </para>
/// <para>
/// Reference: L. Bottou, "Large-scale machine learning with stochastic gradient descent", COMPSTAT 2010.
/// </para>
/// </remarks>
public sealed class LogisticRegressionSgd : IOnlineLearner
{
    private readonly SgdModel _model;

    public LogisticRegressionSgd(LearnerSchema schema, SgdOptions? options = null)
    {
        Schema = InputCheck.Binary(schema, "logistic-sgd");
        Options = (options ?? new SgdOptions()).Validated();
        _model = new SgdModel(schema, Options);
    }

    public LearnerSchema Schema { get; }
    public SgdOptions Options { get; }
    public long Updates { get; private set; }
    public long MemoryBytes => 48 + _model.MemoryBytes;

    internal SgdModel Model => _model;

    /// <summary>The intercept and numeric weights of the log-odds in the features' own units.</summary>
    public (double Intercept, double[] Weights) Coefficients() => _model.InFeatureUnits();

    public double Predict(in LearnerInput input)
    {
        InputCheck.Features(Schema, input);
        return SgdModel.Sigmoid(_model.Score(input));
    }

    public void Learn(in LearnerInput input, double label, double weight = 1)
    {
        InputCheck.Example(Schema, input, label, weight);
        if (weight == 0) return;
        _model.Step(input, label, weight, logistic: true);
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
