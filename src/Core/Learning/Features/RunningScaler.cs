namespace StreamMl.Core.Learning.Features;

/// <summary>Running standardisation of numeric features: z = (x − mean) / standard deviation, both learnt online.</summary>
/// <remarks>
/// Mean and population variance follow Welford's recurrence, weighted by the example weights. A missing
/// value (NaN) is not counted and standardises to 0, the running mean; so does any value of a feature
/// whose variance is still 0. As in River's <c>StandardScaler</c>, a learner updates the scaler with an
/// example before standardising that same example for its update.
/// </remarks>
internal sealed class RunningScaler
{
    private readonly double[] _weight;
    private readonly double[] _mean;
    private readonly double[] _m2;

    public RunningScaler(int features)
    {
        _weight = new double[features];
        _mean = new double[features];
        _m2 = new double[features];
    }

    public int Features => _mean.Length;

    public void Update(ReadOnlySpan<double> x, double weight)
    {
        for (var i = 0; i < x.Length; i++)
        {
            var v = x[i];
            if (double.IsNaN(v)) continue;
            var w = _weight[i] + weight;
            var d = v - _mean[i];
            _mean[i] += weight * d / w;
            _m2[i] += weight * d * (v - _mean[i]);
            _weight[i] = w;
        }
    }

    public double Standardise(int i, double x)
    {
        if (double.IsNaN(x) || _weight[i] <= 0) return 0;
        var variance = _m2[i] / _weight[i];
        return variance > 0 ? (x - _mean[i]) / Math.Sqrt(variance) : 0;
    }

    /// <summary>Mean and standard deviation of a feature, for reading weights back in the features' own units.</summary>
    public (double Mean, double Deviation) Moments(int i) =>
        (_mean[i], _weight[i] > 0 ? Math.Sqrt(_m2[i] / _weight[i]) : 0);

    public long MemoryBytes() => 3L * 8 * _mean.Length + 3 * 24;

    public void Save(BinaryWriter writer)
    {
        StateFormat.WriteDoubles(writer, _weight);
        StateFormat.WriteDoubles(writer, _mean);
        StateFormat.WriteDoubles(writer, _m2);
    }

    public void Load(BinaryReader reader)
    {
        StateFormat.ReadDoubles(reader, _weight, "scaler weights");
        StateFormat.ReadDoubles(reader, _mean, "scaler means");
        StateFormat.ReadDoubles(reader, _m2, "scaler moments");
    }
}
