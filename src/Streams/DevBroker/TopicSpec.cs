using System.Globalization;

namespace StreamMl.Streams.DevBroker;

/// <summary>A topic the dev broker creates at start: a name and a partition count.</summary>
public sealed record TopicSpec(string Name, int Partitions)
{
    /// <summary>Kafka's limit on topic name length.</summary>
    public const int MaxNameLength = 249;

    /// <summary>Parses <c>NAME:PARTITIONS</c>, e.g. <c>events:4</c>.</summary>
    /// <exception cref="FormatException">The value is malformed; the message names the value.</exception>
    public static TopicSpec Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryParse(value, out var spec, out var error))
        {
            throw new FormatException(error);
        }
        return spec;
    }

    /// <summary>Parses <c>NAME:PARTITIONS</c>; on failure <paramref name="error"/> names the bad value.</summary>
    public static bool TryParse(string? value, out TopicSpec spec, out string error)
    {
        spec = null!;
        const string Expected = "expected NAME:PARTITIONS, e.g. 'events:4'";
        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"Invalid topic spec '{value}': {Expected}.";
            return false;
        }

        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            error = $"Invalid topic spec '{value}': missing ':PARTITIONS' ({Expected}).";
            return false;
        }

        var name = value[..colon].Trim();
        var count = value[(colon + 1)..].Trim();
        if (!IsValidName(name, out var nameProblem))
        {
            error = $"Invalid topic spec '{value}': topic name '{name}' {nameProblem} ({Expected}).";
            return false;
        }

        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) || partitions < 1)
        {
            error = $"Invalid topic spec '{value}': partition count '{count}' is not a positive integer ({Expected}).";
            return false;
        }

        spec = new TopicSpec(name, partitions);
        error = string.Empty;
        return true;
    }

    /// <summary>Throws if this spec (built directly rather than parsed) is not usable.</summary>
    public void Validate()
    {
        if (!IsValidName(Name, out var problem))
        {
            throw new ArgumentException($"Invalid topic name '{Name}': {problem}.");
        }
        if (Partitions < 1)
        {
            throw new ArgumentException($"Invalid partition count {Partitions} for topic '{Name}': must be at least 1.");
        }
    }

    public override string ToString() => $"{Name}:{Partitions.ToString(CultureInfo.InvariantCulture)}";

    private static bool IsValidName(string? name, out string problem)
    {
        if (string.IsNullOrEmpty(name))
        {
            problem = "is empty";
            return false;
        }
        if (name is "." or "..")
        {
            problem = "may not be '.' or '..'";
            return false;
        }
        if (name.Length > MaxNameLength)
        {
            problem = $"is longer than {MaxNameLength} characters";
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                problem = $"contains '{c}' (allowed: ASCII letters, digits, '.', '_', '-')";
                return false;
            }
        }
        problem = string.Empty;
        return true;
    }
}
