namespace StreamMl.Core.Contracts;

/// <summary>The header names of a dead-letter record; its value is the original bytes, unchanged.</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "streamml.reason";
    public const string Detail = "streamml.detail";
    public const string SourceTopic = "streamml.source.topic";
    public const string SourcePartition = "streamml.source.partition";
    public const string SourceOffset = "streamml.source.offset";
}

/// <summary>Why a record was dead-lettered: a stable machine-readable code and a human-readable detail.</summary>
public sealed record RejectionReason(string Code, string Detail)
{
    public override string ToString() => $"{Code}: {Detail}";
}

/// <summary>The stable reason codes of dead letters.</summary>
public static class RejectionCodes
{
    public const string TooLarge = "too-large";
    public const string InvalidUtf8 = "invalid-utf8";
    public const string InvalidJson = "invalid-json";
    public const string MissingId = "missing-id";
    public const string InvalidId = "invalid-id";
    public const string InvalidTime = "invalid-time";
    public const string UnknownFeature = "unknown-feature";
    public const string WrongType = "wrong-type";
    public const string NotFinite = "not-finite";
    public const string OutOfRange = "out-of-range";
    public const string NotAllowed = "value-not-allowed";
    public const string MissingRequired = "missing-required-feature";
    public const string InvalidLabel = "invalid-label";
    /// <summary>A failure the decoder did not foresee; the detail names the exception type. The record is set aside, the stream goes on.</summary>
    public const string InternalError = "internal-error";
}
