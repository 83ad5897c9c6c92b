namespace StreamMl.Tests.Support;

/// <summary>Locates the repository and the shared datasets beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Spec(string name) => Path.Combine(Root, "specs", name);

    public static string Dataset(string file) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets", file));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StreamMl.sln"))) return dir.FullName;
        throw new InvalidOperationException("StreamMl.sln not found above the test directory");
    }
}
