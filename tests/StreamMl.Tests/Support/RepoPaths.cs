namespace StreamMl.Tests.Support;

/// <summary>Locates the repository, its specs and its datasets.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Spec(string name) => Path.Combine(Root, "specs", name);

    /// <summary>A dataset of the repository by its CSV name (<c>elec.csv</c>): the gzip-compressed file in <c>datasets/</c>.</summary>
    public static string Dataset(string file) => Path.Combine(Root, "datasets", file + ".gz");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StreamMl.sln"))) return dir.FullName;
        throw new InvalidOperationException("StreamMl.sln not found above the test directory");
    }
}
