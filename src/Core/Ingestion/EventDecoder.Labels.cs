using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using StreamMl.Core.Contracts;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Ingestion;

/// <summary>The outcome of decoding one label record: the event id and its label, or the reason it was rejected.</summary>
public readonly record struct LabelDecodeResult(string? Id, double Label, RejectionReason? Rejection)
{
    public bool IsValid => Id is not null;
}

/// <summary>The decoding of labels: late label records, and the label of an event.</summary>
public sealed partial class EventDecoder
{
    /// <summary>Parses a late label record (<c>{"id":"e-42","label":1}</c>) and checks its label against the spec.</summary>
    public LabelDecodeResult DecodeLabel(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > spec.Spec.MaxEventBytes)
            return RejectLabel(RejectionCodes.TooLarge, $"the record has {utf8.Length} bytes; the limit is {spec.Spec.MaxEventBytes}");
        if (!Utf8.IsValid(utf8))
            return RejectLabel(RejectionCodes.InvalidUtf8, "the record is not valid UTF-8");
        try
        {
            var reader = new Utf8JsonReader(WithoutByteOrderMark(utf8), new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return RejectLabel(RejectionCodes.InvalidJson, "the record is not a JSON object");
            string? id = null;
            double? label = null;
            bool sawId = false, sawLabel = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = PropertyName(ref reader);
                reader.Read();
                switch (property)
                {
                    case "id":
                        if (!Once(ref sawId)) return RejectLabel(RejectionCodes.InvalidJson, "property 'id' appears twice");
                        if (reader.TokenType != JsonTokenType.String) return RejectLabel(RejectionCodes.InvalidId, $"id must be a string, not {Describe(reader.TokenType)}");
                        id = reader.GetString();
                        break;
                    case "label":
                        if (!Once(ref sawLabel)) return RejectLabel(RejectionCodes.InvalidJson, "property 'label' appears twice");
                        if (ReadLabel(ref reader, out label) is { } labelError) return new LabelDecodeResult(null, 0, labelError);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                return RejectLabel(RejectionCodes.InvalidJson, "unexpected content after the label object");
            if (id is null) return RejectLabel(RejectionCodes.MissingId, "the label has no id");
            if (id.Length == 0 || id.Length > MaxIdLength) return RejectLabel(RejectionCodes.InvalidId, $"id must have 1 to {MaxIdLength} characters, not {id.Length}");
            if (label is not { } value) return RejectLabel(RejectionCodes.InvalidLabel, "the label record has no label");
            return new LabelDecodeResult(id, value, null);
        }
        catch (JsonException e)
        {
            return RejectLabel(RejectionCodes.InvalidJson, e.Message);
        }
        catch (InvalidOperationException e) when (IsInvalidUnicodeEscape(e))
        {
            return RejectLabel(RejectionCodes.InvalidJson, LoneSurrogate);
        }
        catch (Exception e)
        {
            return RejectLabel(RejectionCodes.InternalError, Unforeseen(e));
        }
    }

    private RejectionReason? ReadLabel(ref Utf8JsonReader reader, out double? label)
    {
        label = null;
        var labelSpec = spec.Spec.Label;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when labelSpec.Kind == LabelKind.Numeric:
                if (!reader.TryGetDouble(out var v) || !double.IsFinite(v)) return new RejectionReason(RejectionCodes.InvalidLabel, "the label is not a finite number");
                label = v;
                return null;
            case JsonTokenType.Number or JsonTokenType.String or JsonTokenType.True or JsonTokenType.False when labelSpec.Kind == LabelKind.Binary:
                Span<char> buffer = stackalloc char[LabelTextBuffer];
                var escaped = reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped ? reader.GetString() : null;
                var text = LabelText(reader.TokenType, reader.ValueSpan, escaped, buffer);
                label = BinaryLabel.Parse(text, labelSpec);
                return label is null ? new RejectionReason(RejectionCodes.InvalidLabel, $"label '{Truncate(text.ToString())}' is neither a positive nor a negative value") : null;
            default:
                return new RejectionReason(RejectionCodes.InvalidLabel, $"the label cannot be {Describe(reader.TokenType)}");
        }
    }

    private const int LabelTextBuffer = 64;

    /// <summary>
    /// A binary label's token as text: decoded into <paramref name="buffer"/> when it has no escapes and fits (a token's
    /// UTF-8 bytes are at least its characters); <paramref name="escaped"/> is the reader's string otherwise.
    /// </summary>
    private static ReadOnlySpan<char> LabelText(JsonTokenType token, ReadOnlySpan<byte> utf8, string? escaped, Span<char> buffer) => token switch
    {
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ when escaped is not null => escaped,
        _ when utf8.Length <= buffer.Length => buffer[..Encoding.UTF8.GetChars(utf8, buffer)],
        _ => Encoding.UTF8.GetString(utf8),
    };
}
