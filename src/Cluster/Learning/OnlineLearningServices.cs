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
            new KafkaClientSettings(settings.Kafka.BootstrapServers!, $"{settings.Kafka.GroupId}.learners", $"streamml-log-{NodeHost.NodeName(settings)}")
                .CreateConsumerConfig(),
            settings.Kafka.LearningTopic));
        services.AddSingleton<IOnlineModelControl, OnlineModelControl>();
        services.AddSingleton<CheckpointReplay>();
        if (!settings.Cluster.EffectiveRoles.Contains(NodeRoles.Ingest)) return;
        services.AddSingleton<OnlineReplicaHost>();
        services.AddSingleton<IOnlineModelLoader>(sp => sp.GetRequiredService<OnlineReplicaHost>());
        services.AddHostedService<OnlineCheckpointService>();
        services.AddHostedService<OnlineModelStarter>();
    }
}
