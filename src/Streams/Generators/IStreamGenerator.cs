namespace StreamMl.Streams.Generators;

/// <summary>
/// One generated example: numeric features (in the order of <see cref="IStreamGenerator.NumericNames"/>),
/// categorical features (in the order of <see cref="IStreamGenerator.CategoricalNames"/>), the class label
/// (0 .. <see cref="IStreamGenerator.ClassCount"/>−1) and the concept that produced it.
/// </summary>
public sealed record GeneratedExample(double[] Numeric, string[] Categorical, int Label, int Concept);

/// <summary>
/// An endless, seeded stream of labelled examples: two instances built with the same arguments and seed
/// yield the same examples in the same order.
/// </summary>
public interface IStreamGenerator
{
    /// <summary>Names of the numeric features, in the order of <see cref="GeneratedExample.Numeric"/>.</summary>
    IReadOnlyList<string> NumericNames { get; }

    /// <summary>Names of the categorical features, in the order of <see cref="GeneratedExample.Categorical"/>.</summary>
    IReadOnlyList<string> CategoricalNames { get; }

    /// <summary>Labels are 0 .. ClassCount−1.</summary>
    int ClassCount { get; }

    /// <summary>The next example.</summary>
    GeneratedExample Next();
}

public static class StreamGeneratorExtensions
{
    /// <summary>The next <paramref name="count"/> examples, generated as they are enumerated (enumerate once).</summary>
    public static IEnumerable<GeneratedExample> Take(this IStreamGenerator generator, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0L; i < count; i++) yield return generator.Next();
    }
}
