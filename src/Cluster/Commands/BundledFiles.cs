namespace StreamMl.Cluster.Commands;

/// <summary>
/// The repository's datasets and specs, which the build copies beside the program: the defaults of the demo,
/// the generators and the benchmarks, found wherever the program is started from.
/// </summary>
public static class BundledFiles
{
    /// <summary>The directory of the bundled datasets (<c>elec.csv.gz</c>, <c>sea_stream.csv.gz</c>, <c>weather.csv.gz</c>).</summary>
    public static string Datasets { get; } = Path.Combine(AppContext.BaseDirectory, "datasets");

    /// <summary>A bundled dataset by name, e.g. <c>elec</c>.</summary>
    public static string Dataset(string name) => Path.Combine(Datasets, name + ".csv.gz");

    /// <summary>A bundled spec by name, e.g. <c>elec2</c>.</summary>
    public static string Spec(string name) => Path.Combine(AppContext.BaseDirectory, "specs", name + ".json");
}
