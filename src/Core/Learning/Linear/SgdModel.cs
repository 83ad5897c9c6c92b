namespace StreamMl.Core.Learning.Linear;

/// <summary>The weights, intercept and encoder of a linear model learnt by SGD, shared by logistic and linear regression.</summary>
internal sealed class SgdModel
{
    private readonly SgdOptions _options;
    private readonly double[] _weights;

    public SgdModel(LearnerSchema schema, SgdOptions options)
    {
        _options = options;
        Encoder = new LinearEncoder(schema.NumericFeatures.Count, schema.CategoricalFeatures.Count, options.HashBuckets);
        _weights = new double[Encoder.Inputs];
    }

    public LinearEncoder Encoder { get; }
    public double Intercept { get; private set; }
    public long MemoryBytes => 96 + 8L * _weights.Length + Encoder.Scaler.MemoryBytes();

    /// <summary>The weight of one encoded input (see <see cref="LinearEncoder"/>).</summary>
    public double WeightOf(int input) => _weights[input];

    /// <summary>w·x + b for the event, standardised with the scaler as it stands.</summary>
    public double Score(in LearnerInput input)
    {
        var max = Encoder.MaxActive;
        Span<int> index = max <= 256 ? stackalloc int[max] : new int[max];
        Span<double> value = max <= 256 ? stackalloc double[max] : new double[max];
        var n = Encoder.Encode(input, index, value);
        var score = Intercept;
        for (var k = 0; k < n; k++) score += _weights[index[k]] * value[k];
        return score;
    }

    /// <summary>
    /// One SGD step: updates the scaler with the event, then moves each weight against ∂loss/∂score · x plus
    /// the L2 term, on the weights the event touches. ∂loss/∂score is σ(score) − y for the log loss
    /// (<paramref name="logistic"/>) and score − y for the squared loss ½(score − y)².
    /// </summary>
    public void Step(in LearnerInput input, double label, double weight, bool logistic)
    {
        Encoder.Scaler.Update(input.Numeric, weight);
        var max = Encoder.MaxActive;
        Span<int> index = max <= 256 ? stackalloc int[max] : new int[max];
        Span<double> value = max <= 256 ? stackalloc double[max] : new double[max];
        var n = Encoder.Encode(input, index, value);
        var score = Intercept;
        for (var k = 0; k < n; k++) score += _weights[index[k]] * value[k];
        var g = ((logistic ? Sigmoid(score) : score) - label) * weight;
        for (var k = 0; k < n; k++)
        {
            ref var w = ref _weights[index[k]];
            w -= _options.LearningRate * (g * value[k] + _options.L2 * w);
        }
        Intercept -= _options.InterceptLearningRate * g;
    }

    public static double Sigmoid(double score) => 1 / (1 + Math.Exp(-score));

    /// <summary>The intercept and numeric weights in the features' own units: score = b + Σ wⱼ xⱼ with no value missing.</summary>
    public (double Intercept, double[] Weights) InFeatureUnits()
    {
        var weights = new double[Encoder.Numeric];
        var intercept = Intercept;
        for (var j = 0; j < weights.Length; j++)
        {
            var (mean, deviation) = Encoder.Scaler.Moments(j);
            if (deviation <= 0) continue;
            weights[j] = _weights[j] / deviation;
            intercept -= weights[j] * mean;
        }
        return (intercept, weights);
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(Intercept);
        StateFormat.WriteDoubles(writer, _weights);
        Encoder.Scaler.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        Intercept = reader.ReadDouble();
        StateFormat.ReadDoubles(reader, _weights, "weights");
        Encoder.Scaler.Load(reader);
    }
}
