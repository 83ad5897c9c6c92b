using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Cluster.Commands;
using StreamMl.Cluster.Demo;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Contracts;
using StreamMl.Core.Serving;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Replay;

namespace StreamMl.Bench.Online;

/// <summary>
/// One replay through real nodes (in this process, each its own actor system on SQLite) over a fresh dev broker:
/// the events at a rate, each one's label on the labels topic <c>lag</c> events later, until every event is answered.
/// </summary>
public static class ClusterReplay
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The first published answer to each event, by id, and the seconds from the first event sent to the last answer read.</summary>
    public sealed record Result(IReadOnlyDictionary<string, PredictionRecord> Predictions, double Seconds);

    /// <param name="model">A batch model for the first version, or null for a spec whose model learns online.</param>
    public static async Task<Result> Run(string specPath, string? model, int nodes, IReadOnlyList<EventRecord> events, int lag, double rate, string directory)
    {
        using var broker = MockKafkaCluster.Start(new DevBrokerOptions { Topics = DevBrokerCommand.Topics(null) });
        var seedPort = LocalNode.FreePort();
        var seed = $"akka.tcp://{NodeHost.SystemName}@127.0.0.1:{seedPort}";
        var apps = new List<WebApplication>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                var extra = new Dictionary<string, string?> { ["StreamMl:Cluster:SeedNodes:0"] = seed };
                if (i == 0) extra["StreamMl:Cluster:Port"] = seedPort.ToString(CultureInfo.InvariantCulture);
                var (app, _) = LocalNode.Build(Path.Combine(directory, $"node{i}"), specPath, model, broker.BootstrapServers, extra);
                await app.StartAsync();
                apps.Add(app);
            }
            foreach (var app in apps) await app.Services.GetRequiredService<ModelHost>().Served.WaitAsync(TimeSpan.FromMinutes(2));

            var clock = Stopwatch.StartNew();
            using (var labels = new LateLabels(broker.BootstrapServers, "streamml.labels", lag))
            {
                using var producer = new EventProducer(new EventProducerOptions { BootstrapServers = broker.BootstrapServers, Rate = rate });
                var summary = await producer.ProduceAsync(labels.Unlabelled(events));
                if (summary.Failed > 0) throw new InvalidOperationException($"{summary.Failed} events were not acknowledged: {producer.FirstFailure}");
                labels.Flush(TimeSpan.FromSeconds(30));
            }
            var predictions = ReadAnswers(broker.BootstrapServers, events.Count);
            return new Result(predictions, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            for (var i = apps.Count - 1; i >= 0; i--)
            {
                await apps[i].StopAsync();
                await apps[i].DisposeAsync();
            }
        }
    }

    private static Dictionary<string, PredictionRecord> ReadAnswers(string bootstrap, int count)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"bench-online-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe("streamml.predictions");
        var answers = new Dictionary<string, PredictionRecord>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + AnswerTimeout;
        while (answers.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { Message.Value: { } value }) continue;
            if (JsonSerializer.Deserialize(value, ContractsJsonContext.Default.PredictionRecord) is { } p) answers.TryAdd(p.Id, p);
        }
        consumer.Close();
        if (answers.Count < count) throw new TimeoutException($"{answers.Count} of {count} events answered within {AnswerTimeout.TotalMinutes} min");
        return answers;
    }
}
