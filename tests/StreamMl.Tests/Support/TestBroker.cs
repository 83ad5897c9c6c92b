using StreamMl.Streams.DevBroker;

namespace StreamMl.Tests.Support;

/// <summary>A dev broker with the topics a node uses.</summary>
public static class TestBroker
{
    /// <param name="eventPartitions">Partitions of the events topic: 1 keeps the stream's order all the way into the slices.</param>
    public static MockKafkaCluster Start(int eventPartitions = 4) => MockKafkaCluster.Start(new DevBrokerOptions
    {
        Topics = new[] { $"streamml.events:{eventPartitions}", "streamml.predictions:4", "streamml.deadletter:1", "streamml.labels:4", "streamml.alerts:1", "streamml.learning:1" }
            .Select(TopicSpec.Parse).ToArray(),
    });
}
