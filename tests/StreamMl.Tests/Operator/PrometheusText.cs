using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamMl.Tests.Operator;

/// <summary>
/// A parser of the Prometheus text exposition format (version 0.0.4), strict enough to fail on what Prometheus would
/// refuse: a malformed line, a sample of an undeclared family or of the wrong suffix for its type, a bad metric or label
/// name, an unparsable value, a repeated series, a family declared twice.
/// </summary>
public static partial class PrometheusText
{
    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static IReadOnlyDictionary<string, MetricFamily> Parse(string text)
    {
        var families = new Dictionary<string, MetricFamily>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            string Fail(string why) => throw new FormatException($"line {lineNumber}: {why}: '{line}'");
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] == "HELP") help[parts[2]] = parts.Length == 4 ? parts[3] : "";
                else if (parts.Length == 4 && parts[1] == "TYPE")
                {
                    if (!MetricName().IsMatch(parts[2])) Fail("bad metric name");
                    if (parts[3] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped")) Fail("unknown type");
                    if (families.ContainsKey(parts[2])) Fail("family declared twice");
                    families[parts[2]] = new MetricFamily(parts[2], parts[3], help.GetValueOrDefault(parts[2], ""), []);
                }
                continue;
            }
            var (name, labels, rest) = SampleParts(line, Fail);
            var fields = rest.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is < 1 or > 2) Fail("expected a value and an optional timestamp");
            var value = Value(fields[0]) ?? double.Parse(Fail("bad value"), CultureInfo.InvariantCulture);
            var family = FamilyOf(families, name) ?? throw new FormatException($"line {lineNumber}: sample of an undeclared family: '{line}'");
            if (!series.Add(name + "{" + string.Join(",", labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")) + "}")) Fail("repeated series");
            family.Samples.Add(new Sample(name, labels, value));
        }
        return families;
    }

    private static MetricFamily? FamilyOf(Dictionary<string, MetricFamily> families, string sample)
    {
        if (families.TryGetValue(sample, out var exact) && exact.Type is not ("histogram" or "summary")) return exact;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            if (sample.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(sample[..^suffix.Length], out var f) && f.Type is "histogram" or "summary"
                && (suffix != "_bucket" || f.Type == "histogram"))
                return f;
        return families.TryGetValue(sample, out var summary) && summary.Type == "summary" ? summary : null;
    }

    private static (string Name, Dictionary<string, string> Labels, string Tail) SampleParts(string line, Func<string, string> fail)
    {
        var brace = line.IndexOf('{');
        var space = line.IndexOf(' ');
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (brace < 0 || (space >= 0 && space < brace))
        {
            if (space < 0) fail("no value");
            var plain = line[..space];
            if (!MetricName().IsMatch(plain)) fail("bad metric name");
            return (plain, labels, line[space..]);
        }
        var name = line[..brace];
        if (!MetricName().IsMatch(name)) fail("bad metric name");
        var i = brace + 1;
        while (true)
        {
            if (i >= line.Length) fail("unclosed labels");
            if (line[i] == '}') { i++; break; }
            var eq = line.IndexOf('=', i);
            if (eq < 0) fail("label without value");
            var labelName = line[i..eq];
            if (!LabelName().IsMatch(labelName)) fail("bad label name");
            if (eq + 1 >= line.Length || line[eq + 1] != '"') fail("label value not quoted");
            var value = new StringBuilder();
            var j = eq + 2;
            for (; j < line.Length && line[j] != '"'; j++)
            {
                if (line[j] != '\\') { value.Append(line[j]); continue; }
                if (++j >= line.Length) fail("dangling escape");
                value.Append(line[j] switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => fail("bad escape")[0] });
            }
            if (j >= line.Length) fail("unclosed label value");
            if (!labels.TryAdd(labelName, value.ToString())) fail("repeated label");
            i = j + 1;
            if (i < line.Length && line[i] == ',') i++;
        }
        if (i >= line.Length || line[i] != ' ') fail("no value after labels");
        return (name, labels, line[i..]);
    }

    private static double? Value(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null,
    };
}

/// <summary>One metric family: its declared type, help and samples.</summary>
public sealed record MetricFamily(string Name, string Type, string Help, List<Sample> Samples)
{
    /// <summary>The value of the one sample named <paramref name="sample"/> with these labels (all of them), or null.</summary>
    public double? Value(string sample, params (string Name, string Value)[] labels) =>
        Samples.SingleOrDefault(s => s.Name == sample && s.Labels.Count == labels.Length && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value))?.Value;

    /// <summary>The sum over every sample named <paramref name="sample"/>.</summary>
    public double Sum(string sample) => Samples.Where(s => s.Name == sample).Sum(s => s.Value);
}

/// <summary>One sample line.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
