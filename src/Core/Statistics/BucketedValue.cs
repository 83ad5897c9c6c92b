namespace StreamMl.Core.Statistics;

/// <summary>
/// A value with its <see cref="QuantileSketch"/> bucket worked out (<see cref="QuantileSketch.Bucket"/>), so that several
/// sketches of one relative accuracy can add it without taking its logarithm each: a slice adds every value to its
/// lifetime and its window. A sketch of another accuracy works the bucket out again.
/// </summary>
public readonly struct BucketedValue
{
    internal BucketedValue(double value, int index, double relativeAccuracy) =>
        (Value, Index, RelativeAccuracy) = (value, index, relativeAccuracy);

    public double Value { get; }

    /// <summary>The bucket of |<see cref="Value"/>|; 0 for magnitudes counted as zero and for NaN.</summary>
    internal int Index { get; }

    /// <summary>The relative accuracy of the sketches whose bucket <see cref="Index"/> is.</summary>
    internal double RelativeAccuracy { get; }
}
