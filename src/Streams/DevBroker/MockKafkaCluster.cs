using System.Globalization;
using System.Net;

namespace StreamMl.Streams.DevBroker;

/// <summary>
/// An in-process Kafka cluster for development and tests: librdkafka's mock cluster, reachable over
/// TCP on 127.0.0.1 through <see cref="BootstrapServers"/> like a real cluster. Everything is in memory.
/// </summary>
/// <remarks>
/// Limits of the mock: topics are created here (no CreateTopics admin API); classic-protocol rebalances
/// after the first join wait session.timeout.ms − 1 s, so prefer KIP-848 consumers
/// (<c>group.protocol=consumer</c>), whose timings are set by
/// <see cref="DevBrokerOptions.ConsumerGroupHeartbeatInterval"/> and
/// <see cref="DevBrokerOptions.ConsumerGroupSessionTimeout"/>.
/// </remarks>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<TcpRelay> relays;
    private readonly List<TopicSpec> topics;
    private nint owner;
    private nint cluster;
    private bool disposed;

    private MockKafkaCluster(nint owner, nint cluster, List<TcpRelay> relays, IReadOnlyList<int> ports, List<TopicSpec> topics)
    {
        this.owner = owner;
        this.cluster = cluster;
        this.relays = relays;
        this.topics = topics;
        Ports = ports;
        BootstrapServers = string.Join(',', ports.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Comma-separated <c>127.0.0.1:port</c> list, one per broker.</summary>
    public string BootstrapServers { get; }

    /// <summary>The port of each broker (index 0 = broker id 1).</summary>
    public IReadOnlyList<int> Ports { get; }

    public int BrokerCount => Ports.Count;

    /// <summary>Topics created so far.</summary>
    public IReadOnlyList<TopicSpec> Topics
    {
        get
        {
            lock (gate)
            {
                return topics.ToArray();
            }
        }
    }

    public bool IsDisposed
    {
        get
        {
            lock (gate)
            {
                return disposed;
            }
        }
    }

    /// <summary>Path of the native librdkafka shared by Confluent.Kafka and the mock cluster.</summary>
    public static string NativeLibraryPath
    {
        get
        {
            LibrdkafkaMockNative.EnsureBound();
            return LibrdkafkaMockNative.LibraryPath!;
        }
    }

    /// <summary><c>rd_kafka_version()</c> of that library, as read through the mock's own binding.</summary>
    public static int NativeLibraryVersion => LibrdkafkaMockNative.Version();

    /// <summary>Starts the cluster, creates the topics and returns once brokers accept connections.</summary>
    public static MockKafkaCluster Start(DevBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LibrdkafkaMockNative.EnsureBound();

        var relays = new List<TcpRelay>();
        nint owner = 0;
        nint cluster = 0;
        try
        {
            // Claim fixed ports before anything else so a conflict fails fast and clearly.
            if (options.Port != 0)
            {
                for (var i = 0; i < options.BrokerCount; i++)
                {
                    relays.Add(TcpRelay.Bind(options.Port + i));
                }
            }

            owner = LibrdkafkaMockNative.NewOwnerHandle(new Dictionary<string, string>
            {
                ["client.id"] = "streamml-devbroker",
                // The owner never connects anywhere; keep its "no bootstrap.servers" notice quiet.
                ["log_level"] = "3",
            });
            cluster = LibrdkafkaMockNative.MockClusterNew(owner, options.BrokerCount);
            if (cluster == 0)
            {
                throw new InvalidOperationException("rd_kafka_mock_cluster_new failed (see librdkafka log output).");
            }

            LibrdkafkaMockNative.MockGroupInitialRebalanceDelayMs(cluster, (int)options.GroupInitialRebalanceDelay.TotalMilliseconds);
            LibrdkafkaMockNative.MockSetGroupConsumerSessionTimeoutMs(cluster, (int)options.ConsumerGroupSessionTimeout.TotalMilliseconds);
            LibrdkafkaMockNative.MockSetGroupConsumerHeartbeatIntervalMs(cluster, (int)options.ConsumerGroupHeartbeatInterval.TotalMilliseconds);

            var nativePorts = ParsePorts(LibrdkafkaMockNative.MockClusterBootstraps(cluster), options.BrokerCount);
            IReadOnlyList<int> ports = nativePorts;
            if (relays.Count > 0)
            {
                for (var i = 0; i < relays.Count; i++)
                {
                    // Advertise the relay in metadata, so clients stay on the fixed ports.
                    LibrdkafkaMockNative.MockBrokerSetHostPort(cluster, i + 1, "127.0.0.1", relays[i].Port);
                    relays[i].Start(new IPEndPoint(IPAddress.Loopback, nativePorts[i]));
                }
                ports = relays.Select(r => r.Port).ToArray();
            }

            var created = new List<TopicSpec>();
            var result = new MockKafkaCluster(owner, cluster, relays, ports, created);
            owner = 0;
            cluster = 0;
            try
            {
                foreach (var topic in options.Topics)
                {
                    result.CreateTopic(topic);
                }
            }
            catch
            {
                result.Dispose();
                throw;
            }
            return result;
        }
        catch
        {
            if (cluster != 0)
            {
                LibrdkafkaMockNative.MockClusterDestroy(cluster);
            }
            if (owner != 0)
            {
                LibrdkafkaMockNative.DestroyHandle(owner);
            }
            foreach (var relay in relays)
            {
                relay.Dispose();
            }
            throw;
        }
    }

    /// <summary>Creates a topic (replication factor min(3, brokers)).</summary>
    public void CreateTopic(TopicSpec topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        topic.Validate();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var err = LibrdkafkaMockNative.MockTopicCreate(cluster, topic.Name, topic.Partitions, Math.Min(3, BrokerCount));
            if (err != 0)
            {
                throw new InvalidOperationException(
                    $"Creating topic '{topic}' on the dev broker failed: {new Confluent.Kafka.Error((Confluent.Kafka.ErrorCode)err).Reason} ({err}).");
            }
            topics.Add(topic);
        }
    }

    /// <summary>
    /// Fault injection: the broker answers the next requests of one kind (a Kafka API key, e.g. 0 for Produce) with
    /// these errors, one request each, then serves normally again.
    /// </summary>
    public void FailNextRequests(short apiKey, params Confluent.Kafka.ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            LibrdkafkaMockNative.MockPushRequestErrors(cluster, apiKey, errors.Select(e => (int)e).ToArray());
        }
    }

    /// <summary>Stops the brokers: closes listeners and client connections, frees all data. Idempotent.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            disposed = true;

            foreach (var relay in relays)
            {
                relay.Dispose();
            }
            // The cluster belongs to the owner handle: destroy it first, then the handle.
            if (cluster != 0)
            {
                LibrdkafkaMockNative.MockClusterDestroy(cluster);
                cluster = 0;
            }
            if (owner != 0)
            {
                LibrdkafkaMockNative.DestroyHandle(owner);
                owner = 0;
            }
        }
    }

    public override string ToString() => $"MockKafkaCluster({BootstrapServers})";

    private static int[] ParsePorts(string bootstraps, int expected)
    {
        // "127.0.0.1:port,127.0.0.1:port,..." in broker id order.
        var ports = bootstraps.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(hostPort => int.Parse(hostPort[(hostPort.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();
        if (ports.Length != expected)
        {
            throw new InvalidOperationException($"Mock cluster reported bootstraps '{bootstraps}', expected {expected} broker(s).");
        }
        return ports;
    }
}
