using StreamMl.Cluster.Commands;

namespace StreamMl.Tests.Support;

/// <summary>A model trained once per test run on the first rows of elec.csv.</summary>
public static class TestModels
{
    private static readonly Lazy<string> Elec = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"streamml-tests-{Environment.ProcessId}", "elec-v1.zip");
        TrainCommand.Train(RepoPaths.Spec("elec2.json"), RepoPaths.Dataset("elec.csv"), path, rows: 3000, version: "v1");
        return path;
    });

    public static string ElecV1 => Elec.Value;
}
