using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Data.Sqlite;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Contracts;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Registry;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Kafka;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.EndToEnd;

/// <summary>
/// Changing the served model of running nodes over the dev broker: a hot swap under load on two nodes,
/// a corrupt artifact refused, and a challenger in shadow and canary mode.
/// </summary>
public sealed class ModelServingTests(ITestOutputHelper output) : IDisposable
{
    private const string EventsTopic = "streamml.events";
    private const string PredictionsTopic = "streamml.predictions";
    private const int EventPartitions = 4;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-serving-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start(EventPartitions);
    private PostgresDatabase? _postgres;
    private int _undelivered;

    [Fact]
    public async Task Two_nodes_under_load_swap_to_a_promoted_model_without_losing_duplicating_or_reordering_answers()
    {
        const int rate = 2000;
        var minimumRun = TimeSpan.FromSeconds(15);
        var promoteAfter = TimeSpan.FromSeconds(5);
        _postgres = new PostgresDatabase();
        var seedPort = LocalNode.FreePort();
        var settings = Settings();
        settings["Persistence:Provider"] = "postgresql";
        settings["Persistence:ConnectionString"] = _postgres.ConnectionString;
        settings["Cluster:SeedNodes:0"] = TestNode.Address(seedPort);
        await using var a = await StartNode(Path.Combine(_dataDirectory, "a"), settings, seedPort);
        await using var b = await StartNode(Path.Combine(_dataDirectory, "b"), settings);
        TestNode[] nodes = [a, b];
        await Eventually.Get(async () => (await a.GetJson("/cluster")).GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up"),
            up => up == 2, TimeSpan.FromSeconds(60), "members up");
        await ModelVersions.WaitForChampion(a, "v1");
        await ModelVersions.Register(b, ModelVersions.ElecV2);
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(_broker.BootstrapServers, clientId: "serving-test").CreateProducerConfig()).Build();

        // Warm-up: a few events to every partition until both nodes answer, so the consumer group has settled
        // (a partition moving between nodes is re-read from its last commit, at least once) before the measured run.
        var warmUp = ElecEvents.Read(skip: 3000, take: 2000, idPrefix: "warm-");
        var warmSent = 0;
        await Eventually.Get(async () =>
        {
            for (var i = 0; i < EventPartitions && warmSent < warmUp.Count; i++, warmSent++)
                Produce(producer, warmUp[warmSent], warmSent % EventPartitions, null);
            producer.Flush(TimeSpan.FromSeconds(10));
            await Task.Delay(400);
            return nodes.Select(n => n.Ingestion.Counters.Answered).ToArray();
        }, answered => answered.All(n => n > 0), TimeSpan.FromSeconds(90), "both nodes answering warm-up events");
        await Eventually.Get(() => Task.FromResult(Answered(nodes)), n => n >= warmSent, TimeSpan.FromSeconds(60), "warm-up answered");

        // The measured run: a steady 2,000 events/s, round-robin over the partitions, with the offset of each
        // event taken from its delivery report.
        var events = ElecEvents.Read(skip: 5000, take: 40_000, idPrefix: "swap-");
        var offsets = new ConcurrentDictionary<string, TopicPartitionOffset>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var samples = new ConcurrentQueue<(TimeSpan At, long Answered)>();
        var sent = 0;
        var sentWhenSwapped = -1;
        TimeSpan? promotedAt = null;
        var swappedAtTicks = -1L;
        var servingV2At = new TimeSpan?[nodes.Length];

        using var sampling = new CancellationTokenSource();
        using var stopProducing = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                samples.Enqueue((clock.Elapsed, Answered(nodes)));
                await Task.Delay(100);
            }
        });
        var producing = Task.Run(async () =>
        {
            while (sent < events.Count && !stopProducing.IsCancellationRequested)
            {
                var due = Math.Min(events.Count, (int)(clock.Elapsed.TotalSeconds * rate));
                while (sent < due)
                {
                    Produce(producer, events[sent], sent % EventPartitions, offsets);
                    Interlocked.Increment(ref sent);
                }
                // Run at least the minimum, and on past the swap by two seconds, so that v2 answers under load too.
                var swappedAt = Volatile.Read(ref swappedAtTicks);
                if (clock.Elapsed >= minimumRun && swappedAt >= 0 && clock.Elapsed - TimeSpan.FromTicks(swappedAt) >= TimeSpan.FromSeconds(2)) break;
                await Task.Delay(20);
            }
            producer.Flush(TimeSpan.FromSeconds(60));
            return clock.Elapsed;
        });

        try
        {
            await Task.Delay(promoteAfter);
            promotedAt = clock.Elapsed;
            var plan = await ModelVersions.Act(a, "/models/v2/promote", """{"mode":"full"}""");
            Assert.Equal("v2", plan.GetProperty("champion").GetProperty("version").GetString());
            var swapDeadline = clock.Elapsed + TimeSpan.FromSeconds(90);
            while (servingV2At.Any(t => t is null))
            {
                for (var i = 0; i < nodes.Length; i++)
                    if (servingV2At[i] is null && ModelVersions.Serving(nodes[i])?.Champion.Version == "v2") servingV2At[i] = clock.Elapsed;
                if (clock.Elapsed > swapDeadline) throw new TimeoutException($"nodes serving v2 at {string.Join(", ", servingV2At)} after 90 s");
                await Task.Delay(5);
            }
        }
        catch
        {
            // Leave nothing running against the producer and the nodes being disposed.
            await stopProducing.CancelAsync();
            await sampling.CancelAsync();
            await Task.WhenAll(producing, sampler).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        // Every event handed to the producer after this point was read after both nodes served v2.
        sentWhenSwapped = Volatile.Read(ref sent);
        Volatile.Write(ref swappedAtTicks, clock.Elapsed.Ticks);
        var producedFor = await producing;
        var produced = sent;
        Assert.Equal(0, Volatile.Read(ref _undelivered));
        await Eventually.Get(() => Task.FromResult(Answered(nodes)), n => n >= warmSent + produced, TimeSpan.FromSeconds(180), "every event answered");
        await sampling.CancelAsync();
        await sampler;

        // Exactly once: every event of the run has one prediction.
        var records = KafkaTopics.ReadAll(_broker.BootstrapServers, PredictionsTopic, warmSent + produced, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(3));
        var predictions = records.Select(r => JsonSerializer.Deserialize(r.Message.Value, ContractsJsonContext.Default.PredictionRecord)!).ToList();
        var run = predictions.Where(p => p.Id.StartsWith("swap-", StringComparison.Ordinal)).ToList();
        var duplicated = run.GroupBy(p => p.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicated.Count == 0, $"{duplicated.Count} events answered more than once, e.g. {string.Join(", ", duplicated.Take(5))}");
        Assert.Equal(events.Take(produced).Select(e => e.Id).Order(StringComparer.Ordinal), run.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(produced, offsets.Count);
        Assert.Equal(warmUp.Take(warmSent).Select(e => e.Id).Order(StringComparer.Ordinal),
            predictions.Where(p => p.Id.StartsWith("warm-", StringComparison.Ordinal)).Select(p => p.Id).Distinct().Order(StringComparer.Ordinal));

        // Per events partition, in offset order: v1 … v1, then v2 … v2, never back.
        var version = run.ToDictionary(p => p.Id, p => p.ModelVersion, StringComparer.Ordinal);
        Assert.All(version.Values, v => Assert.Contains(v, new[] { "v1", "v2" }));
        foreach (var partition in offsets.GroupBy(o => o.Value.Partition.Value).OrderBy(g => g.Key))
        {
            var sequence = partition.OrderBy(o => o.Value.Offset.Value).Select(o => version[o.Key]).ToList();
            var firstV2 = sequence.IndexOf("v2");
            var backToV1 = firstV2 < 0 ? -1 : sequence.IndexOf("v1", firstV2);
            output.WriteLine($"events partition {partition.Key}: {sequence.Count} events, v1 for the first {(firstV2 < 0 ? sequence.Count : firstV2)}, v2 after");
            Assert.True(backToV1 < 0, $"partition {partition.Key}: v1 at offset position {backToV1} after v2 at {firstV2}");
        }
        Assert.Contains("v1", version.Values);
        Assert.Contains("v2", version.Values);
        var lateV1 = events.Skip(sentWhenSwapped + 1).Take(produced - sentWhenSwapped - 1).Where(e => version[e.Id] != "v2").Select(e => e.Id).ToList();
        Assert.True(lateV1.Count == 0, $"{lateV1.Count} events sent after both nodes served v2 were answered by v1, e.g. {string.Join(", ", lateV1.Take(5))}");

        // Both nodes serve v2, and the registry knows: promoted once, deployed once per node.
        Assert.All(nodes, n => Assert.Equal("v2", ModelVersions.Serving(n)!.Champion.Version));
        foreach (var node in nodes)
            await Eventually.Get(() => ModelVersions.Deployment(a, "v2", node), state => state == "deployed", TimeSpan.FromSeconds(60), $"v2 deployed on {ModelVersions.NodeName(node)}");
        var lineage = await ModelVersions.Lineage(b, "v2");
        output.WriteLine($"lineage of v2: {string.Join(", ", lineage.Select(s => s.Kind))}");
        Assert.Single(lineage, s => s.Kind == nameof(ModelPromoted) && s.Event.GetProperty("mode").GetString() == ServingModes.Full);
        var deployed = lineage.Where(s => s.Kind == nameof(ModelDeployed)).Select(s => s.Event.GetProperty("node").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(nodes.Select(ModelVersions.NodeName).Order(StringComparer.Ordinal), deployed);
        Assert.DoesNotContain(lineage, s => s.Kind == nameof(ModelRefused));

        // Figures, not asserted: how long the swap took and what it did to throughput.
        var promoted = promotedAt!.Value;
        var swapped = servingV2At.Max()!.Value;
        output.WriteLine($"promote call at {Seconds(promoted)}; node a serves v2 at +{Millis(servingV2At[0]!.Value - promoted)}, node b at +{Millis(servingV2At[1]!.Value - promoted)}");
        output.WriteLine($"swap time (promote call to the last node serving v2): {Millis(swapped - promoted)}");
        output.WriteLine($"events sent: {produced} in {Seconds(producedFor)} at {rate}/s ({warmSent} warm-up events before)");
        var timeline = samples.ToList();
        var before = Rate(timeline, promoted - TimeSpan.FromSeconds(3), promoted);
        var swapEnd = swapped - promoted < TimeSpan.FromSeconds(1) ? promoted + TimeSpan.FromSeconds(1) : swapped;
        var during = Rate(timeline, promoted, swapEnd);
        output.WriteLine($"predictions/s in the 3 s before the promote: {before:F0}; from the promote to {(swapEnd == swapped ? "the swap" : "1 s after it")}: {during:F0}; ratio {during / before:F2}");
        for (var second = -5; second < 8; second++)
        {
            var from = promoted + TimeSpan.FromSeconds(second);
            output.WriteLine($"  second {second,3:+0;-0;0} after the promote: {Rate(timeline, from, from + TimeSpan.FromSeconds(1)),6:F0} predictions/s");
        }
    }

    [Fact]
    public async Task A_model_whose_stored_bytes_do_not_match_its_hash_is_refused_and_the_node_keeps_serving_the_old_one()
    {
        await using var node = await StartNode(_dataDirectory, Settings());
        await ModelVersions.WaitForChampion(node, "v1");
        var v2 = await ModelVersions.Register(node, ModelVersions.ElecV2);

        // Same key, other bytes: one byte flipped in the middle of the zip.
        var corrupted = await File.ReadAllBytesAsync(ModelVersions.ElecV2);
        corrupted[corrupted.Length / 2] ^= 0xFF;
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "streamml.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE streamml_artifacts SET bytes = @bytes WHERE sha256 = @sha256";
            command.Parameters.AddWithValue("@bytes", corrupted);
            command.Parameters.AddWithValue("@sha256", v2.ArtifactSha256);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var answered = 0;
        answered += await ProduceAndAwait(node, ElecEvents.Read(skip: 3000, take: 1000, idPrefix: "before-"), answered);
        var plan = await ModelVersions.Act(node, "/models/v2/promote", """{"mode":"full"}""");
        var revision = plan.GetProperty("revision").GetInt64();
        var state = await Eventually.Get(() => ModelVersions.Deployment(node, "v2", node), s => s is not null, TimeSpan.FromSeconds(60), "v2 deployment reported");
        output.WriteLine($"v2 on {ModelVersions.NodeName(node)}: {state}");
        Assert.StartsWith("refused: ", state);
        Assert.Contains("hash mismatch", state);

        // The node applied the plan's revision but kept v1.
        var serving = ModelVersions.Serving(node)!;
        Assert.Equal(revision, serving.Revision);
        Assert.Equal("v1", serving.Champion.Version);
        answered += await ProduceAndAwait(node, ElecEvents.Read(skip: 4000, take: 2000, idPrefix: "after-"), answered);
        var after = Predictions(answered).Where(p => p.Id.StartsWith("after-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2000, after.Count);
        Assert.All(after, p => Assert.Equal("v1", p.ModelVersion));

        var lineage = await ModelVersions.Lineage(node, "v2");
        output.WriteLine($"lineage of v2: {string.Join(", ", lineage.Select(s => s.Kind))}");
        var refused = Assert.Single(lineage, s => s.Kind == nameof(ModelRefused));
        Assert.Equal(ModelVersions.NodeName(node), refused.Event.GetProperty("node").GetString());
        Assert.Contains("hash mismatch", refused.Event.GetProperty("reason").GetString());
        Assert.DoesNotContain(lineage, s => s.Kind == nameof(ModelDeployed));

        var alerts = await Eventually.Get(() => Task.Run(() => Alerts()), all => all.Any(IsRefusal), TimeSpan.FromSeconds(60), "a model-refused alert");
        var alert = alerts.First(IsRefusal);
        output.WriteLine($"alert: {alert.Kind} {alert.Detail}");
        Assert.Contains("hash mismatch", alert.Detail);
        Assert.Contains(ModelVersions.NodeName(node), alert.Detail);

        static bool IsRefusal(AlertRecord a) => a.Kind == "model-refused" && a.ModelVersion == "v2";
    }

    [Fact]
    public async Task A_challenger_in_shadow_never_answers_and_in_canary_answers_its_share_by_event_id()
    {
        await using var node = await StartNode(_dataDirectory, Settings());
        await ModelVersions.WaitForChampion(node, "v1");
        await ModelVersions.Register(node, ModelVersions.ElecV2);
        var answered = 0;

        // Shadow: v2 is scored beside v1 on every event but never answers.
        await ModelVersions.Act(node, "/models/v2/promote", """{"mode":"shadow"}""");
        await ModelVersions.WaitForServing(node, s => s.Challenger?.Version == "v2" && s.Mode == ServingModes.Shadow, "v2 in shadow");
        answered += await ProduceAndAwait(node, ElecEvents.Read(skip: 3000, take: 2000, idPrefix: "shadow-"), answered);
        Assert.All(Phase(answered, "shadow-", 2000), p => Assert.Equal("v1", p.ModelVersion));
        var quality = await GlobalQuality(node);
        output.WriteLine($"global slice quality after unlabelled events: {quality}");
        Assert.False(quality.TryGetProperty("v2", out _), $"v2 has quality without a single label: {quality}");

        // Labelled events: still answered by v1, and now v2's shadow scores are judged against the labels.
        answered += await ProduceAndAwait(node, ElecEvents.Read(skip: 5000, take: 2000, idPrefix: "labelled-", withLabels: true), answered);
        Assert.All(Phase(answered, "labelled-", 2000), p => Assert.Equal("v1", p.ModelVersion));
        quality = await GlobalQuality(node);
        output.WriteLine($"global slice quality after 2,000 labelled events: v1 {quality.GetProperty("v1").GetProperty("lifetime")}, v2 {quality.GetProperty("v2").GetProperty("lifetime")}");
        Assert.Equal(2000, quality.GetProperty("v1").GetProperty("lifetime").GetProperty("count").GetInt64());
        Assert.Equal(2000, quality.GetProperty("v2").GetProperty("lifetime").GetProperty("count").GetInt64());

        // Canary: v2 answers the events whose hashed id falls in the first quarter.
        const double share = 0.25;
        await ModelVersions.Act(node, "/models/v2/promote", """{"mode":"canary","share":0.25}""");
        await ModelVersions.WaitForServing(node, s => s.Challenger?.Version == "v2" && s.Mode == ServingModes.Canary && s.CanaryShare == share, "v2 as a canary");
        answered += await ProduceAndAwait(node, ElecEvents.Read(skip: 7000, take: 10_000, idPrefix: "canary-"), answered);
        var canary = Phase(answered, "canary-", 10_000);
        var wrong = canary.Where(p => p.ModelVersion != (CanaryRouting.ToChallenger(p.Id, share) ? "v2" : "v1")).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} events answered by the wrong model, e.g. {string.Join(", ", wrong.Take(5).Select(p => $"{p.Id} by {p.ModelVersion}"))}");
        var toV2 = canary.Count(p => p.ModelVersion == "v2") / (double)canary.Count;
        output.WriteLine($"canary share {share}: {toV2.ToString("P2", CultureInfo.InvariantCulture)} of {canary.Count} events answered by v2");
        Assert.InRange(toV2, share - 0.02, share + 0.02);

        // Full: v2 answers everything; a rollback gives every answer back to v1.
        var full = await ModelVersions.Act(node, "/models/v2/promote", """{"mode":"full"}""");
        await ModelVersions.WaitForServing(node, s => s.Champion.Version == "v2" && s.Challenger is null, "v2 as the champion");
        // The node's deployment of each plan that changes a version's place is in that version's lineage.
        await WaitForDeployment(node, "v2", full.GetProperty("revision").GetInt64());
        answered += await ProduceAndAwait(node, ElecEvents.Read(skip: 17_000, take: 2000, idPrefix: "full-"), answered);
        Assert.All(Phase(answered, "full-", 2000), p => Assert.Equal("v2", p.ModelVersion));

        var rolledBack = await ModelVersions.Act(node, "/models/rollback");
        Assert.Equal("v1", rolledBack.GetProperty("champion").GetProperty("version").GetString());
        await ModelVersions.WaitForServing(node, s => s.Champion.Version == "v1" && s.Challenger is null, "v1 back as the champion");
        await WaitForDeployment(node, "v1", rolledBack.GetProperty("revision").GetInt64());
        Assert.Null(await ModelVersions.Deployment(node, "v2", node));
        answered += await ProduceAndAwait(node, ElecEvents.Read(skip: 19_000, take: 2000, idPrefix: "rollback-"), answered);
        Assert.All(Phase(answered, "rollback-", 2000), p => Assert.Equal("v1", p.ModelVersion));

        var lineage = await ModelVersions.Lineage(node, "v2");
        output.WriteLine($"lineage of v2: {string.Join(", ", lineage.Select(s => s.Kind))}");
        Assert.Equal(new[] { ServingModes.Shadow, ServingModes.Canary, ServingModes.Full },
            lineage.Where(s => s.Kind == nameof(ModelPromoted)).Select(s => s.Event.GetProperty("mode").GetString()));
        Assert.Contains(lineage, s => s.Kind == nameof(ModelRolledBack));
    }

    /// <summary>Waits until the version's lineage records the node deploying it under the plan of this revision.</summary>
    private static Task WaitForDeployment(TestNode node, string version, long revision) =>
        Eventually.Get(async () => (await ModelVersions.Lineage(node, version))
                .Where(s => s.Kind == nameof(ModelDeployed) && s.Event.GetProperty("node").GetString() == ModelVersions.NodeName(node))
                .Select(s => s.Event.GetProperty("planRevision").GetInt64()).ToList(),
            revisions => revisions.Contains(revision), TimeSpan.FromSeconds(60), $"{version} deployed under plan {revision}");

    private Dictionary<string, string?> Settings() => new()
    {
        ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
        ["Admin:Token"] = ModelVersions.AdminToken,
    };

    private static Task<TestNode> StartNode(string dataDirectory, Dictionary<string, string?> settings, int? clusterPort = null) =>
        TestNode.Start(dataDirectory, settings, clusterPort);

    private static long Answered(IEnumerable<TestNode> nodes) => nodes.Sum(n => n.Ingestion.Counters.Answered);

    private void Produce(IProducer<byte[]?, byte[]?> producer, EventRecord e, int partition, ConcurrentDictionary<string, TopicPartitionOffset>? offsets) =>
        producer.Produce(new TopicPartition(EventsTopic, new Partition(partition)),
            new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(e.Id), Value = ElecEvents.Json(e) },
            report =>
            {
                if (report.Error.IsError) Interlocked.Increment(ref _undelivered);
                else offsets?.TryAdd(e.Id, report.TopicPartitionOffset);
            });

    /// <summary>Produces events and waits until the node has answered them on top of <paramref name="answeredBefore"/>; returns how many.</summary>
    private async Task<int> ProduceAndAwait(TestNode node, IReadOnlyList<EventRecord> events, int answeredBefore)
    {
        KafkaTopics.Produce(_broker.BootstrapServers, EventsTopic, events.Select(e => ((string?)e.Id, ElecEvents.Json(e))));
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= answeredBefore + events.Count,
            TimeSpan.FromSeconds(120), $"{events.Count} events answered");
        return events.Count;
    }

    private List<PredictionRecord> Predictions(int expected) =>
        KafkaTopics.ReadAll(_broker.BootstrapServers, PredictionsTopic, expected, TimeSpan.FromSeconds(90))
            .Select(r => JsonSerializer.Deserialize(r.Message.Value, ContractsJsonContext.Default.PredictionRecord)!)
            .ToList();

    /// <summary>The predictions of the events with this id prefix, checked to be exactly one per event.</summary>
    private List<PredictionRecord> Phase(int answered, string prefix, int count)
    {
        var phase = Predictions(answered).Where(p => p.Id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(count, phase.Count);
        Assert.Equal(count, phase.Select(p => p.Id).Distinct().Count());
        return phase;
    }

    private static async Task<JsonElement> GlobalQuality(TestNode node) =>
        (await node.GetJson("/slices/*")).GetProperty("quality");

    private List<AlertRecord> Alerts() =>
        KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.alerts", int.MaxValue, TimeSpan.FromSeconds(3), TimeSpan.Zero)
            .Select(r => JsonSerializer.Deserialize(r.Message.Value, ContractsJsonContext.Default.AlertRecord)!)
            .ToList();

    /// <summary>Predictions per second between two moments, interpolated from the sampled counters.</summary>
    private static double Rate(List<(TimeSpan At, long Answered)> samples, TimeSpan from, TimeSpan to)
    {
        if (samples.Count < 2 || to <= from) return double.NaN;
        return (At(samples, to) - At(samples, from)) / (to - from).TotalSeconds;
    }

    private static double At(List<(TimeSpan At, long Answered)> samples, TimeSpan t)
    {
        if (t <= samples[0].At) return samples[0].Answered;
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].At < t) continue;
            var (t0, n0) = samples[i - 1];
            var (t1, n1) = samples[i];
            return n0 + (n1 - n0) * ((t - t0) / (t1 - t0));
        }
        return samples[^1].Answered;
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s";

    private static string Millis(TimeSpan t) => $"{t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms";

    public void Dispose()
    {
        _broker.Dispose();
        _postgres?.Dispose();
    }
}
