using System.Globalization;

namespace StreamMl.Core.Learning;

/// <summary>Reads a learner's hyper-parameters from a name → number map, refusing names the learner does not have.</summary>
/// <remarks>Messages name the field as a spec would: <c>hyperParameters.gracePeriod</c>.</remarks>
internal sealed class HyperParameterReader(string learner, IReadOnlyDictionary<string, double>? values)
{
    public const string Prefix = "hyperParameters.";

    private readonly IReadOnlyDictionary<string, double> _values = values ?? new Dictionary<string, double>();
    private readonly List<string> _known = [];

    public double Real(string name, double fallback)
    {
        _known.Add(name);
        if (!_values.TryGetValue(name, out var value)) return fallback;
        return double.IsFinite(value) ? value : throw Bad(name, value, "must be a finite number");
    }

    public int Integer(string name, int fallback)
    {
        var value = Real(name, fallback);
        return value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw Bad(name, value, "must be a whole number");
    }

    public bool Flag(string name, bool fallback)
    {
        var value = Real(name, fallback ? 1 : 0);
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw Bad(name, value, "must be 0 (off) or 1 (on)"),
        };
    }

    /// <summary>Throws for the first name, in ordinal order, that no read asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var name in _values.Keys.Order(StringComparer.Ordinal))
            if (name is "labelHistory" or "seed")
                throw new ArgumentException($"{Prefix}{name}: {name} is a field of the learner spec, not a hyper-parameter", "hyperParameters");
            else if (!_known.Contains(name))
                throw new ArgumentException(
                    $"{Prefix}{name}: {learner} has no such hyper-parameter; known: {(_known.Count == 0 ? "none" : string.Join(", ", _known.Order(StringComparer.Ordinal)))}",
                    "hyperParameters");
    }

    private ArgumentOutOfRangeException Bad(string name, double value, string rule) =>
        new("hyperParameters", value, $"{Prefix}{name} of {learner} {rule}, not {value.ToString(CultureInfo.InvariantCulture)}.");
}
