namespace StreamMl.Core.Files;

/// <summary>Finds a named CSV data set in a directory, plain or gzip-compressed.</summary>
public static class CsvFile
{
    /// <summary>The path of <c>{name}.csv.gz</c> or <c>{name}.csv</c> in <paramref name="directory"/>, whichever exists (gzip first); null when neither does.</summary>
    public static string? Find(string directory, string name)
    {
        foreach (var candidate in new[] { name + ".csv.gz", name + ".csv" })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
