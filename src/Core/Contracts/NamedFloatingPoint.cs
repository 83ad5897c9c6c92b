using System.Text.Json;

namespace StreamMl.Core.Contracts;

/// <summary>
/// A double as the JSON serializer writes it with <c>AllowNamedFloatingPointLiterals</c>: a number when finite, else
/// the strings "NaN", "Infinity" and "-Infinity". For the writers that bypass the serializer on hot paths.
/// </summary>
public static class NamedFloatingPoint
{
    public static void Write(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    /// <summary>
    /// The same text as <see cref="Write"/>, sooner for values that are mostly short decimals (feature values and labels
    /// read from text): <see cref="ShortDecimal"/> first, the general formatting for the rest. A value that is not a short
    /// decimal (a model's score, say) costs up to ten failed tries more, so other values go to <see cref="Write"/>.
    /// </summary>
    public static void WriteShortFirst(Utf8JsonWriter writer, double value)
    {
        Span<byte> text = stackalloc byte[ShortDecimal.MaxLength];
        if (ShortDecimal.TryFormat(value, text, out var length)) writer.WriteRawValue(text[..length], skipInputValidation: true);
        else Write(writer, value);
    }
}
