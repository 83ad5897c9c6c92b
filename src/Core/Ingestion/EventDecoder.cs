using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using StreamMl.Core.Contracts;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Ingestion;

/// <summary>The outcome of decoding one record: a valid event or the reason it was rejected.</summary>
public readonly record struct DecodeResult(ValidEvent? Event, RejectionReason? Rejection)
{
    public bool IsValid => Event is not null;
}

/// <summary>
/// Parses the UTF-8 JSON of one event and checks it against the spec. Every way a record can be
/// wrong ends in a <see cref="RejectionReason"/>; nothing here throws, whatever the bytes: a failure
/// not foreseen becomes an <c>internal-error</c> rejection naming the exception type.
/// </summary>
public sealed partial class EventDecoder(CompiledSpec spec)
{
    public const int MaxIdLength = 128;
    public const string GlobalSlice = "*";
    private const int MaxFeatureNameLength = 256;

    public CompiledSpec Spec => spec;

    public DecodeResult Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > spec.Spec.MaxEventBytes)
            return Reject(RejectionCodes.TooLarge, $"the record has {utf8.Length} bytes; the limit is {spec.Spec.MaxEventBytes}");
        if (!Utf8.IsValid(utf8))
            return Reject(RejectionCodes.InvalidUtf8, "the record is not valid UTF-8");
        try
        {
            return Parse(WithoutByteOrderMark(utf8));
        }
        catch (JsonException e)
        {
            return Reject(RejectionCodes.InvalidJson, e.Message);
        }
        catch (InvalidOperationException e) when (IsInvalidUnicodeEscape(e))
        {
            return Reject(RejectionCodes.InvalidJson, LoneSurrogate);
        }
        catch (Exception e)
        {
            return Reject(RejectionCodes.InternalError, Unforeseen(e));
        }
    }

    private const string LoneSurrogate = "a string holds an escape that is not valid Unicode (a lone UTF-16 surrogate such as \\ud800)";

    /// <summary>
    /// JSON allows any \\uXXXX escape, but a lone surrogate is not text: the reader's GetString and CopyString throw
    /// <see cref="InvalidOperationException"/> for it (with an inner exception from the transcoder, or a message
    /// that says so).
    /// </summary>
    private static bool IsInvalidUnicodeEscape(InvalidOperationException e) =>
        e.InnerException is ArgumentException or DecoderFallbackException
        || e.Message.Contains("UTF-16", StringComparison.Ordinal) || e.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("transcode", StringComparison.OrdinalIgnoreCase);

    private static string Unforeseen(Exception e) => $"{e.GetType().FullName}: {Truncate(e.Message)}";

    /// <summary>A UTF-8 byte order mark is not JSON, but some producers write one: it is skipped.</summary>
    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8[3..] : utf8;

    private DecodeResult Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return Reject(RejectionCodes.InvalidJson, "the record is not a JSON object");

        string? id = null;
        DateTimeOffset? time = null;
        double? label = null;
        var numeric = new double[spec.NumericFeatures.Count];
        Array.Fill(numeric, double.NaN);
        var categorical = spec.CategoricalFeatures.Count == 0 ? [] : new string?[spec.CategoricalFeatures.Count];
        var featureCount = numeric.Length + categorical.Length;
        var seen = featureCount <= 256 ? stackalloc bool[featureCount] : new bool[featureCount];
        var sawId = false;
        var sawTime = false;
        var sawFeatures = false;
        var sawLabel = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = PropertyName(ref reader);
            reader.Read();
            switch (property)
            {
                case "id":
                    if (!Once(ref sawId)) return Duplicate(property);
                    if (reader.TokenType != JsonTokenType.String) return Reject(RejectionCodes.InvalidId, $"id must be a string, not {Describe(reader.TokenType)}");
                    id = reader.GetString();
                    break;
                case "time":
                    if (!Once(ref sawTime)) return Duplicate(property);
                    if (reader.TokenType == JsonTokenType.Null) break;
                    // ISO 8601 only (the extended profile System.Text.Json reads): "10:15" or "12/01/2026" are not timestamps.
                    if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var t))
                        return Reject(RejectionCodes.InvalidTime, "time must be an ISO 8601 timestamp string, e.g. 2026-11-24T10:15:00Z");
                    time = t;
                    break;
                case "features":
                    if (!Once(ref sawFeatures)) return Duplicate(property);
                    if (reader.TokenType != JsonTokenType.StartObject) return Reject(RejectionCodes.WrongType, $"features must be an object, not {Describe(reader.TokenType)}");
                    var featureError = ReadFeatures(ref reader, numeric, categorical, seen);
                    if (featureError is not null) return new DecodeResult(null, featureError);
                    break;
                case "label":
                    if (!Once(ref sawLabel)) return Duplicate(property);
                    var labelError = ReadLabel(ref reader, out label);
                    if (labelError is not null) return new DecodeResult(null, labelError);
                    break;
                default:
                    // Unknown top-level fields are skipped so that producers can add metadata.
                    reader.Skip();
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            return Reject(RejectionCodes.InvalidJson, "unexpected content after the event object");

        if (!sawId || id is null) return Reject(RejectionCodes.MissingId, "the event has no id");
        if (id.Length == 0 || id.Length > MaxIdLength) return Reject(RejectionCodes.InvalidId, $"id must have 1 to {MaxIdLength} characters, not {id.Length}");
        var missing = MissingRequired(seen, numeric, categorical);
        if (missing is not null) return Reject(RejectionCodes.MissingRequired, $"required feature '{missing}' is missing");

        var (derived, slices) = DerivedAndSlices(numeric, categorical);
        return new DecodeResult(new ValidEvent(id, time, numeric, categorical, derived, label, slices), null);
    }

    /// <summary>A top-level property's name: the known ones without allocating, any other as read (which fails on a lone surrogate).</summary>
    private static string PropertyName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("id"u8) ? "id"
        : reader.ValueTextEquals("features"u8) ? "features"
        : reader.ValueTextEquals("time"u8) ? "time"
        : reader.ValueTextEquals("label"u8) ? "label"
        : reader.GetString()!;

    private RejectionReason? ReadFeatures(ref Utf8JsonReader reader, double[] numeric, string?[] categorical, scoped Span<bool> seen)
    {
        Span<char> nameBuffer = stackalloc char[MaxFeatureNameLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // A name longer than any the spec could hold cannot be a known feature; don't copy it.
            if (reader.ValueSpan.Length > MaxFeatureNameLength)
                return new RejectionReason(RejectionCodes.UnknownFeature, $"feature '{Truncate(reader.GetString()!)}' is not in the spec");
            var name = nameBuffer[..reader.CopyString(nameBuffer)];
            if (!spec.FeatureLookup.TryGetValue(name, out var slot))
                return new RejectionReason(RejectionCodes.UnknownFeature, $"feature '{Truncate(name.ToString())}' is not in the spec");
            reader.Read();
            var seenIndex = slot.Kind == ColumnKind.Numeric ? slot.Index : numeric.Length + slot.Index;
            if (seen[seenIndex]) return new RejectionReason(RejectionCodes.InvalidJson, $"feature '{name.ToString()}' appears twice");
            seen[seenIndex] = true;
            var error = slot.Kind == ColumnKind.Numeric
                ? ReadNumeric(ref reader, spec.NumericFeatures[slot.Index], out numeric[slot.Index])
                : ReadCategorical(ref reader, slot.Index, out categorical[slot.Index]);
            if (error is not null) return error;
        }
        return null;
    }

    private static RejectionReason? ReadNumeric(ref Utf8JsonReader reader, FeatureSpec feature, out double value)
    {
        value = double.NaN;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number)
            return new RejectionReason(RejectionCodes.WrongType, $"feature '{feature.Name}' is numeric but got {Describe(reader.TokenType)}");
        if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
            return new RejectionReason(RejectionCodes.NotFinite, $"feature '{feature.Name}' is not a finite number");
        if (value < feature.Min || value > feature.Max)
            return new RejectionReason(RejectionCodes.OutOfRange, $"feature '{feature.Name}' = {value.ToString("R", CultureInfo.InvariantCulture)} is outside [{feature.Min}, {feature.Max}]");
        return null;
    }

    private RejectionReason? ReadCategorical(ref Utf8JsonReader reader, int index, out string? value)
    {
        value = null;
        var feature = spec.CategoricalFeatures[index];
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String)
            return new RejectionReason(RejectionCodes.WrongType, $"feature '{feature.Name}' is categorical but got {Describe(reader.TokenType)}");
        value = SharedCategory(ref reader);
        if (spec.AllowedValues[index] is { } allowed && !allowed.Contains(value))
            return new RejectionReason(RejectionCodes.NotAllowed, $"feature '{feature.Name}' = '{Truncate(value)}' is not one of its allowed values");
        return null;
    }


    private string? MissingRequired(ReadOnlySpan<bool> seen, double[] numeric, string?[] categorical)
    {
        for (var i = 0; i < numeric.Length; i++)
            if (spec.NumericFeatures[i].Required && double.IsNaN(numeric[i])) return spec.NumericFeatures[i].Name;
        for (var i = 0; i < categorical.Length; i++)
            if (spec.CategoricalFeatures[i].Required && categorical[i] is null) return spec.CategoricalFeatures[i].Name;
        return null;
    }

    private static bool Once(ref bool seen)
    {
        if (seen) return false;
        seen = true;
        return true;
    }

    private static DecodeResult Duplicate(string property) => Reject(RejectionCodes.InvalidJson, $"property '{property}' appears twice");

    private static DecodeResult Reject(string code, string detail) => new(null, new RejectionReason(code, detail));

    private static LabelDecodeResult RejectLabel(string code, string detail) => new(null, 0, new RejectionReason(code, detail));

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
