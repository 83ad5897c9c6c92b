using System.Text;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Faults;

/// <summary>
/// SIGTERM under load, on a node run as its own process: it stops in a few seconds, with the offset of every event it
/// answered committed, so that after a restart no event is answered twice.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class GracefulStopTests(ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 4;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-sigterm-").FullName;
    private readonly Streams.DevBroker.MockKafkaCluster _broker = TestBroker.Start(Partitions);

    [Fact]
    public async Task A_node_stopped_under_load_exits_within_5_s_commits_what_it_answered_and_answers_nothing_twice_after_a_restart()
    {
        var events = ElecEvents.Read(skip: 0, take: 20_000, idPrefix: "t-");
        var producer = new PacedProducer(_broker.BootstrapServers, "streamml.events", Partitions);
        var producing = producer.Run(events, perSecond: 4000);
        var node = await NodeProcess.Start(_dataDirectory, _broker.BootstrapServers);
        await Eventually.Get(node.Answered, n => n >= 3000, TimeSpan.FromSeconds(60), "answers before the stop");

        var stopTime = await node.Terminate(TimeSpan.FromSeconds(60));
        var exitCode = node.ExitCode;
        var output1 = node.Output;
        await node.DisposeAsync();
        await producing;

        var committed = ConsumerGroupOffsets.Committed(_broker.BootstrapServers, "streamml", "streamml.events", Partitions);
        var answered = AnsweredIds();
        var uncommittedAnswers = answered.Where(id => producer.Placed[id].Offset.Value >= committed[producer.Placed[id].Partition.Value]).ToList();
        output.WriteLine($"stop took {stopTime.TotalSeconds:F2} s under load; {answered.Count} events answered before it, " +
                         $"{uncommittedAnswers.Count} of them beyond the committed offsets");

        node = await NodeProcess.Start(_dataDirectory, _broker.BootstrapServers);
        await using (node)
        {
            var all = await Eventually.Get(() => Task.FromResult(AnsweredIdList()), ids => ids.Distinct().Count() >= events.Count, TimeSpan.FromSeconds(90), "every event answered");
            var duplicates = all.Count - all.Distinct().Count();
            output.WriteLine($"after the restart: {all.Distinct().Count()} events answered, {duplicates} answered twice");

            Assert.True(exitCode == 0, $"exit code {exitCode}: {output1}");
            Assert.True(stopTime < TimeSpan.FromSeconds(5), $"the stop took {stopTime}: {output1}");
            Assert.Empty(uncommittedAnswers);
            Assert.Equal(0, duplicates);
            Assert.Equal(events.Select(e => e.Id).Order(), all.Distinct().Order());
        }
    }

    private HashSet<string> AnsweredIds() => AnsweredIdList().ToHashSet(StringComparer.Ordinal);

    private List<string> AnsweredIdList() =>
        KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", int.MaxValue, TimeSpan.FromSeconds(2), TimeSpan.Zero)
            .Select(r => Encoding.UTF8.GetString(r.Message.Key!)).ToList();

    public void Dispose()
    {
        _broker.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
