using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StreamMl.Cluster.Hosting;

namespace StreamMl.Tests.Support;

/// <summary>
/// A StreamMl node run as its own process (<c>streamml node</c>), as in production: it can be stopped with SIGTERM
/// or killed with SIGKILL, and its resident memory read. Its output is kept for the test's messages.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process, int clusterPort, string adminUrl)
    {
        _process = process;
        ClusterPort = clusterPort;
        AdminUrl = adminUrl;
        Http = new HttpClient { BaseAddress = new Uri(adminUrl), Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int ClusterPort { get; }
    public string AdminUrl { get; }
    public HttpClient Http { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>What the node printed so far (the end of it), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.Length <= 4000 ? _output.ToString() : _output.ToString(_output.Length - 4000, 4000);
        }
    }

    /// <summary>Starts a node and waits until its admin endpoint answers.</summary>
    /// <param name="settings">Further StreamMl settings, as environment variables (e.g. "Persistence:Provider").</param>
    /// <param name="runtime">Environment variables for the .NET runtime itself (e.g. DOTNET_gcServer).</param>
    public static async Task<NodeProcess> Start(string dataDirectory, string bootstrapServers, IDictionary<string, string>? settings = null,
        int? clusterPort = null, IReadOnlyList<int>? seedPorts = null, string? spec = null, string? model = null,
        IDictionary<string, string>? runtime = null)
    {
        var port = clusterPort ?? LocalNode.FreePort();
        var adminUrl = $"http://127.0.0.1:{LocalNode.FreePort()}";
        var environment = new Dictionary<string, string>
        {
            ["StreamMl__DataDirectory"] = dataDirectory,
            ["StreamMl__Spec"] = spec ?? TestSpecs.OperatorRetrainingOnly(RepoPaths.Spec("elec2.json")),
            ["StreamMl__Kafka__BootstrapServers"] = bootstrapServers,
            ["StreamMl__Cluster__Port"] = port.ToString(),
            ["StreamMl__Admin__Urls"] = adminUrl,
        };
        if (model != TestModels.None) environment["StreamMl__Model"] = model ?? TestModels.ElecV1;
        var seeds = seedPorts ?? [port];
        for (var i = 0; i < seeds.Count; i++) environment[$"StreamMl__Cluster__SeedNodes__{i}"] = TestNode.Address(seeds[i]);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment["StreamMl__" + key.Replace(":", "__")] = value;
        foreach (var (key, value) in runtime ?? new Dictionary<string, string>()) environment[key] = value;
        var node = new NodeProcess(CliProcess.Start(["node"], environment: environment), port, adminUrl);
        await node.WaitUntilAnswering(TimeSpan.FromSeconds(60));
        return node;
    }

    public async Task<JsonElement> GetJson(string path) => await Http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>Events answered by this node since it started (its <c>/health</c> counters).</summary>
    public async Task<long> Answered() => (await GetJson("/health")).GetProperty("ingestion").GetProperty("predictions").GetInt64();

    /// <summary>SIGTERM: a graceful stop. Returns how long the process took to exit.</summary>
    public async Task<TimeSpan> Terminate(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return clock.Elapsed;
    }

    /// <summary>SIGKILL: the process dies at once, as on a crash or a lost machine.</summary>
    public async Task Kill()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Resident set size in bytes, from /proc.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        throw new InvalidOperationException("no VmRSS line");
    }

    /// <summary>Everything the node printed so far.</summary>
    public string AllOutput()
    {
        lock (_output) return _output.ToString();
    }

    private async Task WaitUntilAnswering(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the node exited with {_process.ExitCode}: {Output}");
            try
            {
                if ((await Http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the node did not answer within {timeout}: {Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Http.Dispose();
    }
}
