using StreamMl.Core.Learning.Features;

namespace StreamMl.Core.Learning.Linear;

/// <summary>Turns an event into the sparse inputs of a linear model: standardised numeric features, hashed one-hot categories.</summary>
/// <remarks>
/// Input j &lt; N (N numeric features) is feature j standardised by a <see cref="RunningScaler"/>, 0 when missing;
/// input N + b is 1 when a categorical value hashes to bucket b (<see cref="FeatureHashing"/>), so an unseen
/// value is no error, only a bucket whose weight it shares or starts. Only non-zero inputs are listed.
/// </remarks>
internal sealed class LinearEncoder
{
    public LinearEncoder(int numeric, int categorical, int buckets)
    {
        Scaler = new RunningScaler(numeric);
        Numeric = numeric;
        Categorical = categorical;
        Buckets = buckets;
    }

    public RunningScaler Scaler { get; }
    public int Numeric { get; }
    public int Categorical { get; }
    public int Buckets { get; }

    /// <summary>Weights a model over these inputs needs: one per numeric feature and per bucket.</summary>
    public int Inputs => Numeric + Buckets;

    /// <summary>The most inputs one event can set.</summary>
    public int MaxActive => Numeric + Categorical;

    /// <summary>Lists the event's non-zero inputs; returns how many.</summary>
    public int Encode(in LearnerInput input, Span<int> index, Span<double> value)
    {
        var n = 0;
        var x = input.Numeric;
        for (var j = 0; j < x.Length; j++)
        {
            var z = Scaler.Standardise(j, x[j]);
            if (z == 0) continue;
            index[n] = j;
            value[n++] = z;
        }
        var categories = input.Categorical;
        for (var j = 0; j < categories.Length; j++)
        {
            if (categories[j] is not { } v) continue;
            index[n] = Numeric + FeatureHashing.Bucket(j, v, Buckets);
            value[n++] = 1;
        }
        return n;
    }
}
