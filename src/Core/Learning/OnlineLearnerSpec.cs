using System.Globalization;

namespace StreamMl.Core.Learning;

/// <summary>Which online learner a stream uses: its catalogue name, hyper-parameters, seed and label history.</summary>
/// <remarks>
/// The shape the pipeline spec's online model section takes. <see cref="Validate"/> names the bad field as a
/// spec would (<c>learner</c>, <c>hyperParameters.gracePeriod</c>, <c>labelHistory</c>);
/// <see cref="Parse"/> reads the command-line form <c>name[:key=value]…</c>, in which <c>seed</c> and
/// <c>labelHistory</c> are keys like the hyper-parameters.
/// </remarks>
public sealed record OnlineLearnerSpec
{
    /// <summary>The longest label history a model may keep.</summary>
    public const int MaxLabelHistory = 64;

    /// <summary>A name of <see cref="LearnerCatalog.Names"/>.</summary>
    public required string Learner { get; init; }

    /// <summary>Hyper-parameters by name; those not given keep the learner's defaults.</summary>
    public IReadOnlyDictionary<string, double> HyperParameters { get; init; } = new Dictionary<string, double>();

    /// <summary>Seed of every random choice the learner makes. Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>How many of the last revealed labels the learner reads as extra inputs (see <see cref="RevealedLabels"/>). Default 0.</summary>
    public int LabelHistory { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate() => LearnerCatalog.Validate(this);

    /// <summary>Reads <c>name[:key=value]…</c>, e.g. <c>adaptive-random-forest:trees=20:labelHistory=1:seed=7</c>.</summary>
    public static OnlineLearnerSpec Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var parts = text.Split(':');
        var hyperParameters = new SortedDictionary<string, double>(StringComparer.Ordinal);
        long seed = 1;
        var history = 0;
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"'{part}' in '{text}' is not key=value", nameof(text));
            var key = part[..eq];
            var value = part[(eq + 1)..];
            if (key == "seed") seed = long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
            else if (key == "labelHistory") history = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
            else if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                throw new ArgumentException($"{HyperParameterReader.Prefix}{key}: '{value}' is not a number", nameof(text));
            else hyperParameters[key] = number;
        }
        return new OnlineLearnerSpec { Learner = parts[0], HyperParameters = hyperParameters, Seed = seed, LabelHistory = history };
    }

    /// <summary>The command-line form: the name, then the settings that are given, in ordinal order.</summary>
    public override string ToString()
    {
        var parts = new List<string> { Learner };
        foreach (var (key, value) in HyperParameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            parts.Add($"{key}={value.ToString("R", CultureInfo.InvariantCulture)}");
        if (LabelHistory != 0) parts.Add($"labelHistory={LabelHistory.ToString(CultureInfo.InvariantCulture)}");
        if (Seed != 1) parts.Add($"seed={Seed.ToString(CultureInfo.InvariantCulture)}");
        return string.Join(':', parts);
    }
}
