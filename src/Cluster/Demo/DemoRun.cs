using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Cluster.Commands;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Replay;
using StreamMl.Streams.Kafka;

namespace StreamMl.Cluster.Demo;

/// <summary>
/// The embedded demo: a dev broker, one node on SQLite, and the CSV after its head replayed as events with late labels
/// until every one is answered, by an online model that learns from every label or by a first batch model trained on
/// the head of the CSV and retrained in runs.
/// </summary>
public sealed class DemoRun(DemoOptions options, TextWriter progress)
{
    public async Task<DemoSummary> Run(CancellationToken ct)
    {
        using var broker = MockKafkaCluster.Start(new DevBrokerOptions { Topics = DevBrokerCommand.Topics(null) });
        progress.WriteLine($"dev broker on {broker.BootstrapServers}; data in {options.DataDirectory}{(options.KeepDataDirectory ? "" : " (removed at the end; --keep keeps it)")}");

        var (specPath, modelPath) = options.Model == DemoModels.Online ? (OnlineSpec(), null) : (options.Spec, FirstModel());
        var (node, adminUrl) = LocalNode.Build(options.DataDirectory, specPath, modelPath, broker.BootstrapServers,
            new Dictionary<string, string?> { ["StreamMl:Verbose"] = options.Verbose ? "true" : "false" });
        await node.StartAsync(ct);
        progress.WriteLine($"node up; admin endpoint {adminUrl}");
        try
        {
            var ingestion = node.Services.GetRequiredService<IngestionService>();
            var version = await FirstVersion(node, ct);
            return await Replay(broker.BootstrapServers, ingestion, adminUrl, version, ct);
        }
        finally
        {
            await node.StopAsync(CancellationToken.None);
            await node.DisposeAsync();
        }
    }

    /// <summary>The batch model trained on the head of the CSV.</summary>
    private string FirstModel()
    {
        var modelPath = Path.Combine(options.DataDirectory, "models", "v1.zip");
        var manifest = TrainCommand.Train(options.Spec, options.Csv, modelPath, options.TrainRows, "v1");
        progress.WriteLine($"model v1 ({manifest.Trainer}) trained on the first {manifest.ExampleCount} rows; training accuracy {manifest.Metrics?.Accuracy:P2}");
        return modelPath;
    }

    /// <summary>The spec with an online model: its own online learner, or the demo's default one.</summary>
    private string OnlineSpec()
    {
        var (path, online) = DemoModels.WriteOnlineSpec(options.Spec, options.DataDirectory);
        progress.WriteLine($"online model: {online.Learning()}, learning from every label of the replay");
        return path;
    }

    /// <summary>The version the node serves first: the trained one, or the online one the registry starts.</summary>
    private static async Task<string> FirstVersion(WebApplication node, CancellationToken ct)
    {
        var models = node.Services.GetRequiredService<Core.Serving.ModelHost>();
        await models.Served.WaitAsync(TimeSpan.FromMinutes(1), ct);
        return models.Current!.Champion.Version;
    }

    private async Task<DemoSummary> Replay(string bootstrap, IngestionService ingestion, string adminUrl, string modelVersion, CancellationToken ct)
    {
        var spec = new CompiledSpec(SpecLoader.Load(options.Spec));
        using var http = new HttpClient { BaseAddress = new Uri(adminUrl) };
        using var labels = new LateLabels(bootstrap, "streamml.labels", options.LabelLag);
        var clock = Stopwatch.StartNew();
        var produced = 0L;
        var sent = 0L;
        var producing = Task.Run(async () => produced = await ProduceEvents(bootstrap, spec, labels, p => Interlocked.Exchange(ref sent, p.Sent), ct), ct);
        var lastReport = TimeSpan.Zero;
        while (!producing.IsCompleted || Answered(ingestion) < produced)
        {
            await Task.Delay(100, ct);
            if (producing.IsFaulted) await producing;
            if (clock.Elapsed - lastReport < TimeSpan.FromSeconds(Console.IsErrorRedirected ? 2 : 0.5)) continue;
            lastReport = clock.Elapsed;
            var counters = ingestion.Counters;
            var champion = (await http.GetFromJsonAsync<JsonElement>("/models", ct)).GetProperty("champion").GetString();
            var joined = await LabelsJoined(http, ct);
            var line = $"events sent {Interlocked.Read(ref sent),6}  answered {Answered(ingestion),6} ({counters.DeadLetters} dead letters)  "
                + $"labels sent {labels.Sent,6}  joined {joined,6}  champion {champion,-4}  {Answered(ingestion) / Math.Max(clock.Elapsed.TotalSeconds, 0.001),6:F0} events/s";
            progress.Write(Console.IsErrorRedirected ? line + Environment.NewLine : "\r" + line);
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        var final = ingestion.Counters;
        if (!Console.IsErrorRedirected) progress.WriteLine();
        var labelsSent = labels.Flush(TimeSpan.FromSeconds(30));
        var quality = await AwaitLabelsJoined(http, labelsSent, ct);
        await AwaitRetrainingSettled(http, ct);

        var slices = (await http.GetFromJsonAsync<JsonElement>("/slices", ct)).GetProperty("total").GetInt32();
        var models = await http.GetFromJsonAsync<JsonElement>("/models", ct);
        var retraining = await http.GetFromJsonAsync<JsonElement>("/retraining", ct);
        var trained = models.GetProperty("models").EnumerateArray().Where(m => m.GetProperty("runId").ValueKind == JsonValueKind.String).ToList();
        var served = await DemoFigures.Served(bootstrap, spec, options, http, ct);
        return new DemoSummary(produced, final.Answered, final.DeadLetters, slices, Math.Round(elapsed, 2),
            Math.Round(final.Answered / elapsed, 1), modelVersion)
        {
            ModelKind = options.Model,
            LabelLag = options.LabelLag,
            BaselineAccuracy = DemoFigures.NoChangeAccuracy(spec, options, labels.Lag),
            FreshnessP50 = served.LabelsBehindP50,
            FreshnessP99 = served.LabelsBehindP99,
            ModelUpdates = served.Updates,
            Labels = labelsSent,
            LabelledPredictions = served.Judged,
            PrequentialAccuracy = served.Accuracy,
            Retrainings = retraining.GetProperty("runsFinished").GetInt32(),
            Promotions = trained.Count(m => m.GetProperty("status").GetString() is "champion" or "retired" or "challenger"),
            Rejections = trained.Count(m => m.GetProperty("status").GetString() == "rejected"),
            Champion = models.GetProperty("champion").GetString(),
            ModelVersions = quality.EnumerateObject().Select(v => v.Name).Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>Waits until the global slice has an outcome for every label sent (or until they stop coming); returns its quality per model version.</summary>
    private async Task<JsonElement> AwaitLabelsJoined(HttpClient http, long labels, CancellationToken ct)
    {
        var last = -1L;
        var stalled = Stopwatch.StartNew();
        while (true)
        {
            var quality = (await http.GetFromJsonAsync<JsonElement>("/slices/*", ct)).GetProperty("quality");
            var joined = quality.EnumerateObject().Sum(v => v.Value.GetProperty("lifetime").GetProperty("count").GetInt64());
            if (joined >= labels) return quality;
            if (joined != last) (last, stalled) = (joined, Stopwatch.StartNew());
            if (stalled.Elapsed > TimeSpan.FromSeconds(10))
            {
                progress.WriteLine($"{labels - joined} of {labels} labels found no prediction to join");
                return quality;
            }
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Lets a training run that is under way finish, so that the summary counts its outcome.</summary>
    private async Task AwaitRetrainingSettled(HttpClient http, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var status = await http.GetFromJsonAsync<JsonElement>("/retraining", ct);
            if (status.GetProperty("state").GetString() != "training") return;
            await Task.Delay(250, ct);
        }
    }

    private static long Answered(IngestionService ingestion) => ingestion.Counters.Answered + ingestion.Counters.DeadLetters;

    /// <summary>Labels joined to their predictions so far, or "?" while a label-join bucket is starting.</summary>
    private static async Task<string> LabelsJoined(HttpClient http, CancellationToken ct)
    {
        using var response = await http.GetAsync("/labels", ct);
        if (!response.IsSuccessStatusCode) return "?";
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return body.GetProperty("join").GetProperty("joined").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<long> ProduceEvents(string bootstrap, CompiledSpec spec, LateLabels labels, Action<ProduceProgress> sent, CancellationToken ct)
    {
        using var producer = new EventProducer(new EventProducerOptions { BootstrapServers = bootstrap, Rate = options.Rate }, warning => progress.WriteLine(warning));
        var events = new CsvEventSource(options.Csv, spec.Spec, includeLabels: true, idPrefix: "elec-", skip: options.TrainRows, take: options.Events);
        var summary = await producer.ProduceAsync(labels.Unlabelled(events), sent, ct);
        if (summary.Failed > 0) throw new InvalidOperationException($"{summary.Failed} events were not acknowledged by the broker: {producer.FirstFailure}");
        return summary.Sent;
    }
}
