using StreamMl.Streams.DevBroker;

namespace StreamMl.Tests.Support;

/// <summary>A dev broker with the topics a node uses.</summary>
public static class TestBroker
{
    public static MockKafkaCluster Start() => MockKafkaCluster.Start(new DevBrokerOptions
    {
        Topics = new[] { "streamml.events:4", "streamml.predictions:4", "streamml.deadletter:1", "streamml.labels:4", "streamml.alerts:1" }
            .Select(TopicSpec.Parse).ToArray(),
    });
}
