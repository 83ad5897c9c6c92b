using System.Diagnostics;
using Xunit;

namespace StreamMl.Tests.Operator;

/// <summary>Debian's headless Chromium, run once per page: its rendered DOM, or a screenshot.</summary>
public static class HeadlessChromium
{
    /// <summary>The browser's path, or null when none is installed (deploy/test.sh installs Debian's chromium).</summary>
    public static string? Path { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    /// <summary>Whether the tests run under CI, where a missing browser is a failure, not a skip.</summary>
    public static bool UnderCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The page's DOM after its scripts ran for <paramref name="budget"/> of virtual time.</summary>
    public static Task<string> DumpDom(string url, TimeSpan budget) => Run(url, budget, "--dump-dom");

    /// <summary>Saves a PNG of the page after its scripts ran for <paramref name="budget"/> of virtual time.</summary>
    public static Task Screenshot(string url, string file, int width, int height, TimeSpan budget) =>
        Run(url, budget, $"--screenshot={file}", $"--window-size={width},{height}", "--hide-scrollbars");

    private static async Task<string> Run(string url, TimeSpan budget, params string[] extra)
    {
        var profile = Directory.CreateTempSubdirectory("streamml-chromium-").FullName;
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("chromium is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}",
                     $"--virtual-time-budget={(int)budget.TotalMilliseconds}" }.Concat(extra).Append(url))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish within 90 s: {await errors}");
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await errors}");
        return await output;
    }
}

/// <summary>A test that needs Chromium: skipped when it is not installed, unless under CI, where it must run (and fails without it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Path is null && !HeadlessChromium.UnderCi)
            Skip = "chromium is not installed (apt-get install chromium, or run deploy/test.sh, which installs it)";
    }
}
