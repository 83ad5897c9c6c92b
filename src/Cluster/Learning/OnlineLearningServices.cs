using Confluent.Kafka;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Ingestion;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Serving;
using StreamMl.Streams.Kafka;
using StreamMl.Streams.Learning;

namespace StreamMl.Cluster.Learning;

/// <summary>What a node with Kafka bootstrap servers runs for online models.</summary>
public static class OnlineLearningServices
{
    /// <summary>
    /// The label log and, on ingest nodes, the replicas of online models, their checkpoints and (for an online spec) the
    /// start of the first version.
    /// </summary>
    public static void Add(IServiceCollection services, NodeSettings settings)
    {
        services.AddSingleton<ILearningLog>(sp => new KafkaLearningLog(() => sp.GetRequiredService<NodeProducer>().Producer,
            LogReader(settings, "learners", "log"), settings.Kafka.LearningTopic));
        services.AddSingleton<IOnlineModelControl, OnlineModelControl>();
        services.AddSingleton<CheckpointReplay>();
        if (!settings.Cluster.EffectiveRoles.Contains(NodeRoles.Ingest)) return;
        services.AddSingleton<OnlineReplicaHost>();
        services.AddSingleton<IOnlineModelLoader>(sp => sp.GetRequiredService<OnlineReplicaHost>());
        services.AddHostedService<OnlineCheckpointService>();
        services.AddHostedService<OnlineModelStarter>();
    }

    /// <summary>
    /// The settings of a consumer that reads the label log outside the ingestion's group: group
    /// <c>{GroupId}.{group}</c>, client <c>streamml-{client}-{node}</c>.
    /// </summary>
    public static ConsumerConfig LogReader(NodeSettings settings, string group, string client) =>
        new KafkaClientSettings(settings.Kafka.BootstrapServers!, $"{settings.Kafka.GroupId}.{group}", $"streamml-{client}-{NodeHost.NodeName(settings)}")
            .CreateConsumerConfig();
}
