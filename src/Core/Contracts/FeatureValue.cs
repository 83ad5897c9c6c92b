using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamMl.Core.Contracts;

/// <summary>A feature or label value as it travels in JSON: a number, a string, or missing (null).</summary>
[JsonConverter(typeof(FeatureValueJsonConverter))]
public readonly record struct FeatureValue
{
    private FeatureValue(double? number, string? text)
    {
        Number = number;
        Text = text;
    }

    public double? Number { get; }
    public string? Text { get; }
    public bool IsMissing => Number is null && Text is null;

    public static FeatureValue Missing => default;
    public static FeatureValue Of(double number) => new(number, null);
    public static FeatureValue Of(string text) => new(null, text);

    public override string ToString() =>
        Number is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : Text ?? "null";
}

/// <summary>Writes a <see cref="FeatureValue"/> as a JSON number, string or null, and reads it back.</summary>
public sealed class FeatureValueJsonConverter : JsonConverter<FeatureValue>
{
    public override FeatureValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => FeatureValue.Missing,
            JsonTokenType.Number => FeatureValue.Of(reader.GetDouble()),
            JsonTokenType.String => FeatureValue.Of(reader.GetString()!),
            _ => throw new JsonException($"a feature value must be a number, a string or null, not {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, FeatureValue value, JsonSerializerOptions options)
    {
        if (value.Number is { } n) writer.WriteNumberValue(n);
        else if (value.Text is { } t) writer.WriteStringValue(t);
        else writer.WriteNullValue();
    }
}
