namespace StreamMl.Streams.DevBroker;

/// <summary>Settings for <see cref="MockKafkaCluster.Start"/>.</summary>
public sealed class DevBrokerOptions
{
    /// <summary>
    /// TCP port of the first broker on 127.0.0.1; broker <c>n</c> (1-based) listens on <c>Port + n - 1</c>.
    /// 0 (default) lets the native mock pick free ports itself. A fixed port is served by an in-process
    /// relay in front of the native listener, because the mock always binds an ephemeral port.
    /// </summary>
    public int Port { get; init; }

    /// <summary>Number of brokers (ids 1..BrokerCount). Default 1.</summary>
    public int BrokerCount { get; init; } = 1;

    /// <summary>Topics created at start (the mock does not implement the CreateTopics admin API).</summary>
    public IReadOnlyList<TopicSpec> Topics { get; init; } = [];

    /// <summary>
    /// Classic-protocol group.initial.rebalance.delay.ms. The mock's own default is 3 s, which makes every
    /// first join of a classic group take 3 s; 0 (default here) makes it immediate.
    /// </summary>
    public TimeSpan GroupInitialRebalanceDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// KIP-848 (group.protocol=consumer) group.consumer.session.timeout.ms: how long a member that stopped
    /// heartbeating keeps its partitions (a node killed with kill -9 keeps them this long). Mock default is 30 s; 5 s here,
    /// so that a dead member's partitions are answered by the others again within about 6 s.
    /// </summary>
    public TimeSpan ConsumerGroupSessionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// KIP-848 group.consumer.heartbeat.interval.ms: members learn about new assignments on their next
    /// heartbeat, so this bounds reassignment latency. Mock default is 3 s; 500 ms here.
    /// </summary>
    public TimeSpan ConsumerGroupHeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0 (any free port) or 1..65535.");
        }
        if (BrokerCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BrokerCount), BrokerCount, "At least one broker is required.");
        }
        if (Port != 0 && Port + BrokerCount - 1 > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, $"Ports {Port}..{Port + BrokerCount - 1} exceed 65535.");
        }
        ArgumentNullException.ThrowIfNull(Topics);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in Topics)
        {
            ArgumentNullException.ThrowIfNull(topic);
            topic.Validate();
            if (!seen.Add(topic.Name))
            {
                throw new ArgumentException($"Topic '{topic.Name}' is listed more than once.", nameof(Topics));
            }
        }
        CheckMillis(GroupInitialRebalanceDelay, nameof(GroupInitialRebalanceDelay), allowZero: true);
        CheckMillis(ConsumerGroupSessionTimeout, nameof(ConsumerGroupSessionTimeout), allowZero: false);
        CheckMillis(ConsumerGroupHeartbeatInterval, nameof(ConsumerGroupHeartbeatInterval), allowZero: false);
    }

    private static void CheckMillis(TimeSpan value, string name, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero) || value.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is out of range.");
        }
    }
}
