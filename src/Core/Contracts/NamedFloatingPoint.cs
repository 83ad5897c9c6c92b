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
}
