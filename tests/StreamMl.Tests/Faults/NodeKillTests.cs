using System.Text;
using Confluent.Kafka;
using StreamMl.Streams.DevBroker;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Faults;

/// <summary>
/// kill -9 of one node of three under load (node processes on a shared PostgreSQL): the others keep answering (they
/// do not wait on the dead node's slices), the dead node's partitions move to them, and every event is answered.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class NodeKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 6;
    private static readonly TimeSpan ResumeGoal = TimeSpan.FromSeconds(10);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-kill-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start(Partitions);
    private readonly PostgresDatabase _postgres = new();

    [Fact]
    public async Task After_kill_9_of_one_node_of_three_every_partition_is_answered_again_within_10_s_and_every_event_is_answered()
    {
        var settings = new Dictionary<string, string>
        {
            ["Persistence:Provider"] = "postgresql",
            ["Persistence:ConnectionString"] = _postgres.ConnectionString,
        };
        var first = await NodeProcess.Start(Path.Combine(_dataDirectory, "a"), _broker.BootstrapServers, settings);
        var seeds = new[] { first.ClusterPort };
        var nodes = new List<NodeProcess> { first };
        nodes.Add(await NodeProcess.Start(Path.Combine(_dataDirectory, "b"), _broker.BootstrapServers, settings, seedPorts: seeds));
        nodes.Add(await NodeProcess.Start(Path.Combine(_dataDirectory, "c"), _broker.BootstrapServers, settings, seedPorts: seeds));
        try
        {
            await Eventually.Get(async () => (await first.GetJson("/cluster")).GetProperty("members").GetArrayLength(), n => n == 3,
                TimeSpan.FromSeconds(60), "three members");

            var events = ElecEvents.Read(skip: 0, take: 45_000, idPrefix: "k-");
            var producer = new PacedProducer(_broker.BootstrapServers, "streamml.events", Partitions);
            var producing = producer.Run(events, perSecond: 1500);
            // Killed in the steady state, once the cluster has settled its shards and checkpoints run every 2 s.
            await Task.Delay(TimeSpan.FromSeconds(20));
            var victim = nodes[1];
            var killedAt = DateTime.UtcNow;
            await victim.Kill();
            await producing;

            var answers = await Eventually.Get(() => Task.FromResult(Answers()), a => a.Select(x => x.Id).Distinct().Count() >= events.Count,
                TimeSpan.FromSeconds(120), "every event answered");

            // For each events partition: the longest stretch without an answer to one of its events, from just before the kill on.
            var gaps = new Dictionary<int, TimeSpan>();
            foreach (var partition in Enumerable.Range(0, Partitions))
            {
                var times = answers.Where(a => producer.Placed[a.Id].Partition.Value == partition && a.At >= killedAt.AddSeconds(-1))
                    .Select(a => a.At).Order().ToList();
                gaps[partition] = times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
            }
            var duplicates = answers.Count - answers.Select(a => a.Id).Distinct().Count();
            output.WriteLine("longest gap in answers per events partition after the kill: " +
                             string.Join(", ", gaps.Select(g => $"{g.Key}: {g.Value.TotalSeconds:F1} s")));
            output.WriteLine($"{answers.Select(a => a.Id).Distinct().Count()} of {events.Count} events answered; {duplicates} answered twice (at-least-once)");
            var repeated = answers.GroupBy(a => a.Id).Where(g => g.Count() > 1).Select(g => (Partition: producer.Placed[g.Key].Partition.Value, First: g.Min(a => a.At))).ToList();
            output.WriteLine("answered twice, by partition: " + string.Join(", ", repeated.GroupBy(r => r.Partition).OrderBy(g => g.Key)
                .Select(g => $"{g.Key}: {g.Count()} first answered {(g.Min(r => r.First) - killedAt).TotalSeconds:F1}..{(g.Max(r => r.First) - killedAt).TotalSeconds:F1} s around the kill")));

            Assert.Equal(events.Select(e => e.Id).Order(), answers.Select(a => a.Id).Distinct().Order());
            Assert.All(gaps, g => Assert.True(g.Value <= ResumeGoal, $"partition {g.Key} went {g.Value.TotalSeconds:F1} s without an answer"));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    /// <summary>Every answer on the predictions topic: its event id and when it was written.</summary>
    private List<(string Id, DateTime At)> Answers() =>
        KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", int.MaxValue, TimeSpan.FromSeconds(3), TimeSpan.Zero)
            .Select(r => (Encoding.UTF8.GetString(r.Message.Key!), r.Message.Timestamp.UtcDateTime)).ToList();

    public void Dispose()
    {
        _broker.Dispose();
        _postgres.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
