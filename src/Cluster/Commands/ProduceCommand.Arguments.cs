using System.Globalization;
using StreamMl.Core.Contracts;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;

namespace StreamMl.Cluster.Commands;

/// <summary>The arguments of <c>produce</c>: their checks, and the events they describe (a CSV file's rows or a generator's stream).</summary>
public static partial class ProduceCommand
{
    /// <summary>The produce arguments as given (before validation); the generator options are null when not given.</summary>
    public sealed record ProduceArguments(
        string? BootstrapServers, string? Topic, string? Spec, string? Csv, double Rate, long Skip, long? Limit, bool Labels, string? IdPrefix,
        string? Generator = null, long? Seed = null, string? DriftAt = null, long? DriftWidth = null, bool Stationary = false);

    /// <summary>The generator's seed when <c>--seed</c> is not given.</summary>
    public const long DefaultSeed = 1;

    /// <summary>
    /// The spec file: <c>--spec</c>, or with a generator and no <c>--spec</c>, <c>specs/{generator}.json</c> under the
    /// repository root (found from the current directory or the executable).
    /// </summary>
    public static string? SpecPath(ProduceArguments a) =>
        !string.IsNullOrEmpty(a.Spec) ? a.Spec
        : CanonicalGenerator(a.Generator) is { } name ? BundledFiles.Spec(name)
        : null;

    /// <summary>The catalogue's spelling of a generator name given in any case; null when none is given or it is unknown.</summary>
    private static string? CanonicalGenerator(string? name) =>
        string.IsNullOrEmpty(name) ? null : GeneratorCatalog.Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks the arguments; throws a <see cref="UsageException"/> naming the first bad option.</summary>
    public static void Validate(ProduceArguments a)
    {
        KafkaArguments.CheckBootstrapServers(a.BootstrapServers);
        KafkaArguments.CheckTopic(a.Topic);
        var hasCsv = !string.IsNullOrEmpty(a.Csv);
        var hasGenerator = !string.IsNullOrEmpty(a.Generator);
        if (hasCsv == hasGenerator)
            throw new UsageException(hasCsv
                ? "--csv, --generator: give only one of them, a CSV file to replay or a generator"
                : $"--csv, --generator: one of them is required, a CSV file to replay or a generator ({string.Join(", ", GeneratorCatalog.Names)})");
        if (hasGenerator && CanonicalGenerator(a.Generator) is null)
            throw new UsageException($"--generator: unknown generator '{a.Generator}'; one of {string.Join(", ", GeneratorCatalog.Names)}");

        var spec = SpecPath(a);
        if (string.IsNullOrEmpty(spec)) throw new UsageException("--spec: required with --csv");
        if (!File.Exists(spec))
            throw new UsageException(string.IsNullOrEmpty(a.Spec)
                ? $"--spec: not given, and the generator's default spec '{spec}' does not exist"
                : $"--spec: file '{spec}' does not exist");

        if (hasCsv)
        {
            if (!File.Exists(a.Csv)) throw new UsageException($"--csv: file '{a.Csv}' does not exist");
            if (a.Seed is not null) throw new UsageException("--seed: only with --generator");
            if (a.DriftAt is not null) throw new UsageException("--drift-at: only with --generator");
            if (a.DriftWidth is not null) throw new UsageException("--drift-width: only with --generator");
            if (a.Stationary) throw new UsageException("--stationary: only with --generator");
        }
        else
        {
            if (a.Limit is null) throw new UsageException("--limit: required with --generator (a generated stream is endless)");
            if (a.DriftWidth < 0) throw new UsageException($"--drift-width: must not be negative, not {a.DriftWidth}");
            if (a.Stationary && !string.IsNullOrWhiteSpace(a.DriftAt))
                throw new UsageException("--stationary: cannot be combined with --drift-at");
            if (a.DriftAt is not null) ScheduleOf(a);
        }
        if (!(a.Rate >= 0) || double.IsInfinity(a.Rate))
            throw new UsageException($"--rate: must be 0 (as fast as possible) or a positive number of events per second, not {a.Rate.ToString(CultureInfo.InvariantCulture)}");
        if (a.Skip < 0) throw new UsageException($"--skip: must not be negative, not {a.Skip}");
        if (a.Limit < 0) throw new UsageException($"--limit: must not be negative, not {a.Limit}");
        // Ids are at most 128 characters (EventDecoder.MaxIdLength); leave room for the row number.
        if (a.IdPrefix is { Length: > 100 }) throw new UsageException("--id-prefix: at most 100 characters");
    }

    /// <summary>The drift schedule of <c>--drift-at</c> and <c>--drift-width</c>; throws a <see cref="UsageException"/> naming <c>--drift-at</c>.</summary>
    private static DriftSchedule ScheduleOf(ProduceArguments a)
    {
        var name = CanonicalGenerator(a.Generator)!;
        if (a.DriftAt is not null && string.IsNullOrWhiteSpace(a.DriftAt))
            throw new UsageException("--drift-at: give one or more event indices, N[,M...]");
        try
        {
            return GeneratorCatalog.Schedule(name, a.DriftAt, a.DriftWidth ?? 0);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--drift-at: {e.Message}");
        }
    }

    /// <summary>
    /// The events the arguments (already <see cref="Validate">validated</see>) describe, read or generated as they
    /// are enumerated: the CSV file's rows, or the generator's events under the drift schedule, both after
    /// <c>--skip</c> and bounded by <c>--limit</c>. A generator's events carry its own feature names and the spec's
    /// label name, so the spec must name exactly the generator's features; each enumeration starts the stream anew.
    /// </summary>
    /// <exception cref="UsageException">The CSV file cannot be read or lacks a column, or the spec does not fit the generator.</exception>
    public static IEnumerable<EventRecord> Events(ProduceArguments a)
    {
        var spec = SpecLoader.Load(SpecPath(a)!);
        var idPrefix = a.IdPrefix ?? "";
        if (string.IsNullOrEmpty(a.Generator))
        {
            try
            {
                return new CsvEventSource(a.Csv!, spec, includeLabels: a.Labels, idPrefix: idPrefix, skip: a.Skip, take: a.Limit);
            }
            catch (Exception e) when (e is CsvFormatException or IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--csv: {e.Message}");
            }
        }

        var name = CanonicalGenerator(a.Generator)!;
        var seed = a.Seed ?? DefaultSeed;
        var schedule = a.Stationary ? DriftSchedule.Stationary : ScheduleOf(a);
        var continuous = !a.Stationary;
        CheckSpecFits(spec, GeneratorCatalog.Create(name, seed, schedule, continuous), name, SpecPath(a)!);
        return Generated(() => GeneratorCatalog.Create(name, seed, schedule, continuous), spec.Label.Name, a.Labels, idPrefix, a.Skip, a.Limit ?? long.MaxValue);
    }

    private static IEnumerable<EventRecord> Generated(Func<IStreamGenerator> create, string labelName, bool labels, string idPrefix, long skip, long take)
    {
        if (take == 0) yield break;
        var generator = create();
        var yielded = 0L;
        var index = 0L;
        foreach (var e in GeneratedEvents.ToEvents(generator, [.. generator.NumericNames], [.. generator.CategoricalNames], labelName, labels, idPrefix))
        {
            if (index++ < skip) continue;
            yield return e;
            if (++yielded >= take) yield break;
        }
    }

    private static void CheckSpecFits(PipelineSpec spec, IStreamGenerator generator, string name, string specPath)
    {
        var made = generator.NumericNames.Select(n => (n, ColumnKind.Numeric))
            .Concat(generator.CategoricalNames.Select(n => (n, ColumnKind.Categorical)))
            .ToHashSet();
        var named = spec.Features.Select(f => (f.Name, f.Kind)).ToHashSet();
        if (!made.SetEquals(named))
            throw new UsageException($"--spec: '{specPath}' does not fit the {name} generator, which makes "
                + string.Join(", ", made.Select(f => $"{f.Item1} ({f.Item2})")) + "; the spec names "
                + string.Join(", ", named.Select(f => $"{f.Item1} ({f.Item2})")));
        if (made.Any(f => f.Item1 == spec.Label.Name))
            throw new UsageException($"--spec: the label '{spec.Label.Name}' is also one of the {name} generator's features");
    }
}
