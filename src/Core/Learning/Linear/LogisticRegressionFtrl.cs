using StreamMl.Core.Drift.Detectors;

namespace StreamMl.Core.Learning.Linear;

/// <summary>Logistic regression for a binary label, learnt by FTRL-Proximal with per-coordinate learning rates.</summary>
/// <remarks>
/// <para>
/// Per input i (the standardised features and hashed categories of <see cref="LinearEncoder"/>, and a
/// constant 1 for the intercept) the learner keeps z_i and n_i. The weight is 0 when |z_i| ≤ λ₁, else
/// w_i = −(z_i − sgn(z_i) λ₁) / ((β + √n_i)/α + λ₂). An example with p = σ(w·x) and gradient g_i = (p − y) x_i
/// (times its weight) updates σ_i = (√(n_i + g_i²) − √n_i)/α, z_i ← z_i + g_i − σ_i w_i, n_i ← n_i + g_i²:
/// inputs seen rarely keep large steps, frequent ones small; λ₁ makes weights exactly 0.
/// </para>
/// <para>
/// Parameters and defaults (River's <c>linear_model.FTRLProximal</c>): <c>alpha</c> α = 0.05, <c>beta</c> β = 1,
/// <c>l1</c> λ₁ = 0, <c>l2</c> λ₂ = 1, <c>hashBuckets</c> = 1024. Missing values as in <see cref="LogisticRegressionSgd"/>.
/// </para>
/// <para>
/// Reference: H. B. McMahan et al., "Ad click prediction: a view from the trenches", KDD 2013, Algorithm 1.
/// </para>
/// </remarks>
public sealed class LogisticRegressionFtrl : IOnlineLearner
{
    private readonly LinearEncoder _encoder;
    private readonly double[] _z;
    private readonly double[] _n;

    public LogisticRegressionFtrl(LearnerSchema schema, FtrlOptions? options = null)
    {
        Schema = InputCheck.Binary(schema, "logistic-ftrl");
        Options = (options ?? new FtrlOptions()).Validated();
        _encoder = new LinearEncoder(schema.NumericFeatures.Count, schema.CategoricalFeatures.Count, Options.HashBuckets);
        // The last input is the intercept's constant 1.
        _z = new double[_encoder.Inputs + 1];
        _n = new double[_encoder.Inputs + 1];
    }

    public LearnerSchema Schema { get; }
    public FtrlOptions Options { get; }
    public long Updates { get; private set; }
    public long MemoryBytes => 96 + 16L * _z.Length + _encoder.Scaler.MemoryBytes();

    internal LinearEncoder Encoder => _encoder;

    /// <summary>The input whose constant 1 carries the intercept.</summary>
    internal int InterceptInput => _z.Length - 1;

    /// <summary>The intercept and numeric weights of the log-odds in the features' own units.</summary>
    public (double Intercept, double[] Weights) Coefficients()
    {
        var weights = new double[_encoder.Numeric];
        var intercept = Weight(_z.Length - 1);
        for (var j = 0; j < weights.Length; j++)
        {
            var (mean, deviation) = _encoder.Scaler.Moments(j);
            if (deviation <= 0) continue;
            weights[j] = Weight(j) / deviation;
            intercept -= weights[j] * mean;
        }
        return (intercept, weights);
    }

    public double Predict(in LearnerInput input)
    {
        InputCheck.Features(Schema, input);
        var max = _encoder.MaxActive + 1;
        Span<int> index = max <= 256 ? stackalloc int[max] : new int[max];
        Span<double> value = max <= 256 ? stackalloc double[max] : new double[max];
        var n = Encode(input, index, value);
        double score = 0;
        for (var k = 0; k < n; k++) score += Weight(index[k]) * value[k];
        return SgdModel.Sigmoid(score);
    }

    public void Learn(in LearnerInput input, double label, double weight = 1)
    {
        InputCheck.Example(Schema, input, label, weight);
        if (weight == 0) return;
        _encoder.Scaler.Update(input.Numeric, weight);
        var max = _encoder.MaxActive + 1;
        Span<int> index = max <= 256 ? stackalloc int[max] : new int[max];
        Span<double> value = max <= 256 ? stackalloc double[max] : new double[max];
        Span<double> w = max <= 256 ? stackalloc double[max] : new double[max];
        var n = Encode(input, index, value);
        double score = 0;
        for (var k = 0; k < n; k++)
        {
            w[k] = Weight(index[k]);
            score += w[k] * value[k];
        }
        var g = (SgdModel.Sigmoid(score) - label) * weight;
        for (var k = 0; k < n; k++)
        {
            var i = index[k];
            var gi = g * value[k];
            var sigma = (Math.Sqrt(_n[i] + gi * gi) - Math.Sqrt(_n[i])) / Options.Alpha;
            _z[i] += gi - sigma * w[k];
            _n[i] += gi * gi;
        }
        Updates++;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Updates);
        StateFormat.WriteDoubles(writer, _z);
        StateFormat.WriteDoubles(writer, _n);
        _encoder.Scaler.Save(writer);
    }

    public void ReadState(BinaryReader reader)
    {
        Updates = reader.ReadInt64();
        StateFormat.ReadDoubles(reader, _z, "FTRL z");
        StateFormat.ReadDoubles(reader, _n, "FTRL n");
        foreach (var v in _n) StateFormat.Weight(v, "FTRL n");
        _encoder.Scaler.Load(reader);
    }

    private int Encode(in LearnerInput input, Span<int> index, Span<double> value)
    {
        var n = _encoder.Encode(input, index, value);
        index[n] = _z.Length - 1;
        value[n] = 1;
        return n + 1;
    }

    internal double Weight(int i)
    {
        var z = _z[i];
        if (Math.Abs(z) <= Options.L1) return 0;
        return -(z - Math.Sign(z) * Options.L1) / ((Options.Beta + Math.Sqrt(_n[i])) / Options.Alpha + Options.L2);
    }
}

/// <summary>Settings of <see cref="LogisticRegressionFtrl"/>; the defaults are River's.</summary>
public sealed record FtrlOptions
{
    /// <summary>α, the scale of the per-coordinate learning rates. Default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>β, which keeps the first steps of a coordinate finite. Default 1.</summary>
    public double Beta { get; init; } = 1;

    /// <summary>λ₁, the L1 penalty. Default 0.</summary>
    public double L1 { get; init; }

    /// <summary>λ₂, the L2 penalty. Default 1.</summary>
    public double L2 { get; init; } = 1;

    /// <summary>Buckets the categorical values are hashed into. Default 1024.</summary>
    public int HashBuckets { get; init; } = 1024;

    internal static FtrlOptions Read(HyperParameterReader p)
    {
        var d = new FtrlOptions();
        return new FtrlOptions
        {
            Alpha = p.Real("alpha", d.Alpha),
            Beta = p.Real("beta", d.Beta),
            L1 = p.Real("l1", d.L1),
            L2 = p.Real("l2", d.L2),
            HashBuckets = p.Integer("hashBuckets", d.HashBuckets),
        };
    }

    internal FtrlOptions Validated()
    {
        Guard.Positive(Alpha, "alpha");
        Guard.NonNegative(Beta, "beta");
        Guard.NonNegative(L1, "l1");
        Guard.NonNegative(L2, "l2");
        Guard.AtLeast(HashBuckets, 1, "hashBuckets");
        if (HashBuckets > 1 << 24) throw new ArgumentOutOfRangeException("hashBuckets", HashBuckets, "hashBuckets must be at most 16777216.");
        return this;
    }
}
