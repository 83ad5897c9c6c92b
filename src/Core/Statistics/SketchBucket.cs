namespace StreamMl.Core.Statistics;

/// <summary>One bucket of a <see cref="QuantileSketch"/>: its representative value and how many values it holds.</summary>
public readonly record struct SketchBucket(double Value, long Count);
