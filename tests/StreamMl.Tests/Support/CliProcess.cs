using System.Diagnostics;

namespace StreamMl.Tests.Support;

/// <summary>What a run of the built <c>streamml</c> program printed and how it exited.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string[] ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs the built <c>streamml</c> program (copied beside the tests) as a separate process, as a user would.</summary>
public static class CliProcess
{
    public static string Program { get; } = Path.Combine(AppContext.BaseDirectory, "streamml.dll");

    /// <summary>Starts the program without waiting for it; the caller owns the process.</summary>
    public static Process Start(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Program);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs the program to its end (killed after <paramref name="timeout"/>, default 2 minutes).</summary>
    public static async Task<CliResult> Run(IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(args, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"streamml {string.Join(' ', args)} did not finish in time; stderr: {await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
