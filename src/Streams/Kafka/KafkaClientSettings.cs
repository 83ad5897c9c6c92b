using System.Globalization;
using Confluent.Kafka;

namespace StreamMl.Streams.Kafka;

/// <summary>
/// Turns (bootstrap servers, group id, client id) into the Confluent client configurations the product
/// runs with. Every default below is deliberate; change one only together with the code that relies on it.
/// </summary>
public sealed class KafkaClientSettings
{
    /// <summary>Default record size limit: 8 MiB, room for dead-lettering a 2 MB record plus headers.</summary>
    public const int DefaultMaxMessageBytes = 8 * 1024 * 1024;

    public KafkaClientSettings(string bootstrapServers, string? groupId = null, string clientId = "streamml")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        BootstrapServers = bootstrapServers;
        GroupId = groupId;
        ClientId = clientId;
    }

    public string BootstrapServers { get; }

    /// <summary>Consumer group id; required for <see cref="CreateConsumerConfig"/>.</summary>
    public string? GroupId { get; }

    public string ClientId { get; }

    /// <summary>
    /// Consumer group protocol. Default <see cref="Confluent.Kafka.GroupProtocol.Consumer"/> (KIP-848): the
    /// broker computes assignments and members pick them up on their next heartbeat, so joins and
    /// reassignments take about one heartbeat interval instead of a stop-the-world JoinGroup/SyncGroup
    /// round (which on librdkafka's mock cluster also waits session.timeout.ms − 1 s).
    /// With KIP-848 the session timeout and heartbeat interval are broker-side settings.
    /// </summary>
    public GroupProtocol GroupProtocol { get; init; } = GroupProtocol.Consumer;

    /// <summary>
    /// Classic protocol only: session.timeout.ms. Default 6 s, kept short because a classic rebalance
    /// (a member joining or leaving) can take up to this long; librdkafka's default is 45 s.
    /// </summary>
    public TimeSpan ClassicSessionTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Classic protocol only: heartbeat.interval.ms. Default 1 s (well under a third of the session timeout).</summary>
    public TimeSpan ClassicHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Largest record the producer may send and the consumer must be able to fetch per partition.
    /// Default <see cref="DefaultMaxMessageBytes"/> (librdkafka's default is 1 MB, too small for a 2 MB dead letter).
    /// The broker/topic limit (message.max.bytes / max.message.bytes) must be at least this large too.
    /// </summary>
    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>Producer linger.ms. Default 5 ms: small batching gain for a bounded latency cost.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often stored offsets are committed (auto.commit.interval.ms). Default 1 s (librdkafka: 5 s).</summary>
    public TimeSpan AutoCommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Shorthand for the common case.</summary>
    public static KafkaClientSettings For(string bootstrapServers, string groupId, string clientId) =>
        new(bootstrapServers, groupId, clientId);

    /// <summary>
    /// Consumer configuration:
    /// <list type="bullet">
    /// <item><c>enable.auto.offset.store=false</c>: an offset is stored only when the application calls
    /// <c>StoreOffset</c> after it has finished with the record, so nothing unprocessed is ever committed.</item>
    /// <item><c>enable.auto.commit=true</c>: the background committer commits the stored offsets every
    /// <see cref="AutoCommitInterval"/> and on close/revocation (at-least-once).</item>
    /// <item><c>auto.offset.reset=earliest</c>: a group without committed offsets starts at the beginning
    /// instead of silently skipping existing records.</item>
    /// <item><c>group.protocol</c>: see <see cref="GroupProtocol"/>; classic also gets the short
    /// session timeout / heartbeat and the cooperative-sticky assignor (incremental rebalances).</item>
    /// <item><c>max.partition.fetch.bytes</c> = <see cref="MaxMessageBytes"/> so large records arrive in one fetch.</item>
    /// <item><c>allow.auto.create.topics=false</c>: subscribing to a missing topic is an error, not a new topic.</item>
    /// </list>
    /// </summary>
    public ConsumerConfig CreateConsumerConfig()
    {
        if (string.IsNullOrWhiteSpace(GroupId))
        {
            throw new InvalidOperationException("A consumer needs a group id.");
        }

        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = GroupId,
            ClientId = ClientId,
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = Millis(AutoCommitInterval),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            GroupProtocol = GroupProtocol,
            // Room for a whole producer batch (up to MaxMessageBytes plus framing): the dev broker, unlike
            // Kafka (KIP-74), truncates a batch larger than this limit and the partition stalls.
            MaxPartitionFetchBytes = 2 * MaxMessageBytes,
            FetchMaxBytes = Math.Max(4 * MaxMessageBytes, 50 * 1024 * 1024),
            AllowAutoCreateTopics = false,
            // A broker answers a fetch as soon as data is there, so this only bounds how long an idle fetch
            // waits. The dev broker holds every empty fetch for the full time even when records arrive,
            // which adds up to this much latency per hop; 100 ms keeps it small at little cost on real Kafka.
            FetchWaitMaxMs = 100,
        };

        if (GroupProtocol == GroupProtocol.Classic)
        {
            // These are client-side settings only under the classic protocol; librdkafka rejects them
            // with group.protocol=consumer.
            config.SessionTimeoutMs = Millis(ClassicSessionTimeout);
            config.HeartbeatIntervalMs = Millis(ClassicHeartbeatInterval);
            config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        }

        return config;
    }

    /// <summary>
    /// Producer configuration:
    /// <list type="bullet">
    /// <item><c>enable.idempotence=true</c>: retries cannot duplicate or reorder records within a partition.</item>
    /// <item><c>acks=all</c>: a record counts as written once all in-sync replicas have it (required by idempotence).</item>
    /// <item><c>linger.ms</c> = <see cref="Linger"/> (5 ms).</item>
    /// <item><c>message.max.bytes</c> = <see cref="MaxMessageBytes"/> (8 MiB), so a 2 MB record can be dead-lettered.</item>
    /// <item><c>dotnet.producer.delivery.report.fields=status</c>: reports carry the error, offset and persistence status, not a copy of the record.</item>
    /// </list>
    /// </summary>
    public ProducerConfig CreateProducerConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        ClientId = ClientId,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = Linger.TotalMilliseconds,
        MessageMaxBytes = MaxMessageBytes,
        // A record larger than batch.size (1 MB by default) makes an oversized batch that stalls the
        // dev broker's consumers of that partition; a batch that can hold the largest record avoids it.
        BatchSize = MaxMessageBytes,
        // LZ4 costs little CPU and shrinks JSON several-fold. It also keeps fetches small on the dev
        // broker, which was seen to deliver only part of a partition holding uncompressed multi-MB batches.
        CompressionType = CompressionType.Lz4,
        // Delivery reports carry the error, the offset and the persistence status; nothing here reads the record back
        // from them, so the client does not copy its key, value, headers and timestamp into every report.
        DeliveryReportFields = "status",
    };

    private static int Millis(TimeSpan value) =>
        checked((int)value.TotalMilliseconds);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"KafkaClientSettings({BootstrapServers}, group={GroupId}, client={ClientId}, protocol={GroupProtocol})");
}
