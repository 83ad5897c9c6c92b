using StreamMl.Core.Spec;

namespace StreamMl.Core.Ingestion;

/// <summary>Reads a binary label written as a number, a boolean or a string, as the spec names its classes.</summary>
public static class BinaryLabel
{
    /// <summary>1 for a positive value, 0 for a negative one, null for anything else.</summary>
    public static double? Parse(ReadOnlySpan<char> text, LabelSpec spec)
    {
        if (Contains(spec.PositiveValues, text)) return 1;
        if (Contains(spec.NegativeValues, text)) return 0;
        // Numbers may arrive as 1.0 rather than 1.
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x))
        {
            Span<char> canonical = stackalloc char[32];
            if (x.TryFormat(canonical, out var length, "R", System.Globalization.CultureInfo.InvariantCulture))
            {
                if (Contains(spec.PositiveValues, canonical[..length])) return 1;
                if (Contains(spec.NegativeValues, canonical[..length])) return 0;
            }
        }
        return null;
    }

    private static bool Contains(IReadOnlyList<string> values, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < values.Count; i++)
            if (text.Equals(values[i], StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
