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
/// The embedded demo: a dev broker, a first model trained on the head of the CSV, one node on
/// SQLite, and the rest of the CSV replayed as events until every one is answered.
/// </summary>
public sealed class DemoRun(DemoOptions options, TextWriter progress)
{
    public async Task<DemoSummary> Run(CancellationToken ct)
    {
        using var broker = MockKafkaCluster.Start(new DevBrokerOptions { Topics = DevBrokerCommand.Topics(null) });
        progress.WriteLine($"dev broker on {broker.BootstrapServers}; data in {options.DataDirectory}");

        var modelPath = Path.Combine(options.DataDirectory, "models", "v1.zip");
        var manifest = TrainCommand.Train(options.Spec, options.Csv, modelPath, options.TrainRows, "v1");
        progress.WriteLine($"model v1 ({manifest.Trainer}) trained on the first {manifest.ExampleCount} rows; training accuracy {manifest.Metrics?.Accuracy:P2}");

        var (node, adminUrl) = LocalNode.Build(options.DataDirectory, options.Spec, modelPath, broker.BootstrapServers);
        await node.StartAsync(ct);
        progress.WriteLine($"node up; admin endpoint {adminUrl}");
        try
        {
            return await Replay(broker.BootstrapServers, node.Services.GetRequiredService<IngestionService>(), adminUrl, manifest.Version, ct);
        }
        finally
        {
            await node.StopAsync(CancellationToken.None);
            await node.DisposeAsync();
        }
    }

    private async Task<DemoSummary> Replay(string bootstrap, IngestionService ingestion, string adminUrl, string modelVersion, CancellationToken ct)
    {
        var spec = new CompiledSpec(SpecLoader.Load(options.Spec));
        var clock = Stopwatch.StartNew();
        var produced = 0L;
        var producing = Task.Run(async () => produced = await ProduceEvents(bootstrap, spec, ct), ct);
        var lastReport = TimeSpan.Zero;
        while (!producing.IsCompleted || Answered(ingestion) < produced)
        {
            await Task.Delay(100, ct);
            if (producing.IsFaulted) await producing;
            if (clock.Elapsed - lastReport < TimeSpan.FromSeconds(Console.IsErrorRedirected ? 2 : 0.25)) continue;
            lastReport = clock.Elapsed;
            var counters = ingestion.Counters;
            var line = $"events {counters.Consumed,7}  predictions {counters.Predictions,7}  dead letters {counters.DeadLetters,4}  {counters.Predictions / Math.Max(clock.Elapsed.TotalSeconds, 0.001),8:F0} events/s";
            progress.Write(Console.IsErrorRedirected ? line + Environment.NewLine : "\r" + line);
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        if (!Console.IsErrorRedirected) progress.WriteLine();
        using var http = new HttpClient { BaseAddress = new Uri(adminUrl) };
        var slices = (await http.GetFromJsonAsync<JsonElement>("/slices", ct)).GetArrayLength();
        var final = ingestion.Counters;
        return new DemoSummary(produced, final.Predictions, final.DeadLetters, slices, Math.Round(elapsed, 2),
            Math.Round(final.Predictions / elapsed, 1), modelVersion);
    }

    private static long Answered(IngestionService ingestion) => ingestion.Counters.Predictions + ingestion.Counters.DeadLetters;

    private async Task<long> ProduceEvents(string bootstrap, CompiledSpec spec, CancellationToken ct)
    {
        using var producer = new EventProducer(new EventProducerOptions { BootstrapServers = bootstrap }, warning => progress.WriteLine(warning));
        var events = new CsvEventSource(options.Csv, spec.Spec, idPrefix: "elec-", skip: options.TrainRows, take: options.Events);
        var summary = await producer.ProduceAsync(events, cancellationToken: ct);
        if (summary.Failed > 0) throw new InvalidOperationException($"{summary.Failed} events were not acknowledged by the broker: {producer.FirstFailure}");
        return summary.Sent;
    }
}
