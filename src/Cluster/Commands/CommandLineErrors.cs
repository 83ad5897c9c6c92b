namespace StreamMl.Cluster.Commands;

/// <summary>A bad command-line argument or config value; its message names the offending option.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A failure at run time that the user can act on (a broker that does not answer, say); its message says what failed.</summary>
public sealed class CommandFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs a verb and turns its failures into one line on stderr instead of a stack trace: exit code 2 for a bad
/// argument, setting or missing file, 1 for a failure at run time, 130 when interrupted before it finished.
/// </summary>
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
        catch (Exception e) when (e is CommandFailedException or Core.Modeling.ModelArtifactException or Core.Modeling.ModelTrainingException or Core.Modeling.CsvException)
        {
            await Console.Error.WriteLineAsync($"streamml: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("streamml: interrupted");
            return 130;
        }
        catch (Exception e)
        {
            // Unforeseen: the type and message on one line, the stack trace after it for a bug report.
            await Console.Error.WriteLineAsync($"streamml: {e.GetType().Name}: {e.Message}");
            await Console.Error.WriteLineAsync(e.ToString());
            return 1;
        }
    }
}
