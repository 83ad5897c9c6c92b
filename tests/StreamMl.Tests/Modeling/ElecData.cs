using StreamMl.Tests.Support;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Tests.Modeling;

/// <summary>The elec2 spec and the elec dataset, read once per test run.</summary>
internal static class ElecData
{
    public static string DatasetPath { get; } = RepoPaths.Dataset("elec.csv");

    public static CompiledSpec Spec { get; } = new(SpecLoader.Load(RepoPaths.Spec("elec2.json")));

    private static readonly Lazy<IReadOnlyList<ValidEvent>> Rows = new(() => CsvExamples.Read(DatasetPath, Spec));

    public static IReadOnlyList<ValidEvent> All => Rows.Value;

    public static ValidEvent[] Range(int start, int count) => All.Skip(start).Take(count).ToArray();

    /// <summary>The elec2 spec with another model section.</summary>
    public static CompiledSpec WithModel(string trainer, Dictionary<string, double>? hyperParameters = null, int seed = 1) =>
        new(Spec.Spec with { Model = new ModelSpec { Trainer = trainer, HyperParameters = hyperParameters ?? [], Seed = seed } });
}
