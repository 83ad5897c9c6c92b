using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Tests.Modeling;

/// <summary>The elec2 spec and the shared elec dataset, read once per test run.</summary>
internal static class ElecData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// The dataset lives beside the repository (../shared/datasets/elec.csv), never in it; a checkout
    /// nested deeper (a git worktree) finds it by looking further up.
    /// </summary>
    public static string DatasetPath { get; } = FindDataset();

    public static CompiledSpec Spec { get; } = new(SpecLoader.Load(Path.Combine(RepoRoot, "specs", "elec2.json")));

    private static readonly Lazy<IReadOnlyList<ValidEvent>> Rows = new(() => CsvExamples.Read(DatasetPath, Spec));

    public static IReadOnlyList<ValidEvent> All => Rows.Value;

    public static ValidEvent[] Range(int start, int count) => All.Skip(start).Take(count).ToArray();

    /// <summary>The elec2 spec with another model section.</summary>
    public static CompiledSpec WithModel(string trainer, Dictionary<string, double>? hyperParameters = null, int seed = 1) =>
        new(Spec.Spec with { Model = new ModelSpec { Trainer = trainer, HyperParameters = hyperParameters ?? [], Seed = seed } });

    private static string FindDataset()
    {
        for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "datasets", "elec.csv");
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"elec.csv not found at ../shared/datasets/ from {RepoRoot} or any folder above");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StreamMl.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no StreamMl.sln above {AppContext.BaseDirectory}");
    }
}
