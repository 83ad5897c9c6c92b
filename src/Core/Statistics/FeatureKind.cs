using System.Text.Json.Serialization;

namespace StreamMl.Core.Statistics;

/// <summary>Whether a feature carries numbers or category labels.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureKind>))]
public enum FeatureKind
{
    Numeric,
    Categorical,
}
