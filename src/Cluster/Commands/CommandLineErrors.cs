namespace StreamMl.Cluster.Commands;

/// <summary>A bad command-line argument or config value; its message names the offending option.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Turns expected failures into a one-line message instead of a stack trace: exit code 2 for bad arguments or settings, 1 for bad input files.</summary>
public static class CommandRunner
{
    public static async Task<int> Run(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is UsageException or Core.Spec.SpecException)
        {
            await Console.Error.WriteLineAsync($"streamml: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is Core.Modeling.ModelArtifactException or Core.Modeling.ModelTrainingException or Core.Modeling.CsvException)
        {
            await Console.Error.WriteLineAsync($"streamml: {e.Message}");
            return 1;
        }
    }
}
