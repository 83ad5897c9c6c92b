using System.Diagnostics;

namespace StreamMl.Tests.Support;

/// <summary>
/// A PostgreSQL server of a test's own (deploy/start-postgres.sh), which the test may stop and start again to
/// play a database outage without disturbing the tests that share the suite's server. Removed on dispose.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private readonly string _root;

    private PrivatePostgres(string root, string connectionString)
    {
        _root = root;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PrivatePostgres> Start()
    {
        // A port range away from the suite's server, so that both can start at once.
        var output = await Bash($"STREAMML_PG_FIRST_PORT={55000 + Random.Shared.Next(0, 900)} ./deploy/start-postgres.sh");
        string? root = null, connection = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("export STREAMML_PG_ROOT=", StringComparison.Ordinal)) root = line.Split('=', 2)[1].Trim('\'');
            if (line.StartsWith("export STREAMML_TEST_POSTGRES=", StringComparison.Ordinal)) connection = line.Split('=', 2)[1].Trim('\'');
        }
        return new PrivatePostgres(root ?? throw new InvalidOperationException($"no server directory in: {output}"),
            connection ?? throw new InvalidOperationException($"no connection string in: {output}"));
    }

    /// <summary>Stops the server at once (an outage: connections drop, new ones are refused).</summary>
    public Task Pause() => Bash($". deploy/start-postgres.sh && streamml_pg_pause '{_root}'");

    /// <summary>Starts it again on the same port, with its data.</summary>
    public Task Resume() => Bash($". deploy/start-postgres.sh && streamml_pg_resume '{_root}'");

    public void Dispose() => Bash($"./deploy/stop-postgres.sh '{_root}'").GetAwaiter().GetResult();

    private static async Task<string> Bash(string script)
    {
        var info = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"`{script}` failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
