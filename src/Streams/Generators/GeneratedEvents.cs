using System.Globalization;
using StreamMl.Core.Contracts;

namespace StreamMl.Streams.Generators;

/// <summary>Turns generated examples into <see cref="EventRecord"/>s, for replay to the events topic.</summary>
public static class GeneratedEvents
{
    /// <summary>
    /// An endless stream of events from <paramref name="generator"/> (bound it with <c>Take</c>): event i has id
    /// <c>{idPrefix}{i}</c>, the numeric features as numbers and the categorical ones as strings under the given
    /// names, no time, and the label as a number (0 or 1 for binary) when <paramref name="includeLabels"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A name list does not match the generator's feature counts, or names repeat.</exception>
    public static IEnumerable<EventRecord> ToEvents(IStreamGenerator generator, string[] numericNames, string[] categoricalNames,
        string labelName, bool includeLabels, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (numericNames.Length != generator.NumericNames.Count)
            throw new ArgumentException($"the generator makes {generator.NumericNames.Count} numeric features, not {numericNames.Length}", nameof(numericNames));
        if (categoricalNames.Length != generator.CategoricalNames.Count)
            throw new ArgumentException($"the generator makes {generator.CategoricalNames.Count} categorical features, not {categoricalNames.Length}", nameof(categoricalNames));
        var all = numericNames.Concat(categoricalNames).ToArray();
        if (all.Distinct(StringComparer.Ordinal).Count() != all.Length) throw new ArgumentException("feature names must be distinct", nameof(numericNames));
        if (all.Contains(labelName, StringComparer.Ordinal)) throw new ArgumentException($"the label name '{labelName}' is also a feature name", nameof(labelName));
        return Events(generator, numericNames, categoricalNames, includeLabels, idPrefix);
    }

    /// <summary><see cref="ToEvents(IStreamGenerator, string[], string[], string, bool, string)"/> with the generator's own feature names and label <c>class</c>.</summary>
    public static IEnumerable<EventRecord> ToEvents(IStreamGenerator generator, bool includeLabels = true, string idPrefix = "") =>
        ToEvents(generator, [.. generator.NumericNames], [.. generator.CategoricalNames], "class", includeLabels, idPrefix);

    private static IEnumerable<EventRecord> Events(IStreamGenerator generator, string[] numericNames, string[] categoricalNames,
        bool includeLabels, string idPrefix)
    {
        for (var i = 0L; ; i++)
        {
            var example = generator.Next();
            var features = new Dictionary<string, FeatureValue>(numericNames.Length + categoricalNames.Length, StringComparer.Ordinal);
            for (var j = 0; j < numericNames.Length; j++) features[numericNames[j]] = FeatureValue.Of(example.Numeric[j]);
            for (var j = 0; j < categoricalNames.Length; j++) features[categoricalNames[j]] = FeatureValue.Of(example.Categorical[j]);
            yield return new EventRecord(idPrefix + i.ToString(CultureInfo.InvariantCulture), null, features,
                includeLabels ? FeatureValue.Of(example.Label) : null);
        }
    }
}
