using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.DevBroker;

public sealed class DevBrokerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private static MockKafkaCluster StartWith(string topic, int partitions, int port = 0) =>
        MockKafkaCluster.Start(new DevBrokerOptions { Port = port, Topics = [new TopicSpec(topic, partitions)] });

    private static string NewGroup() => "g-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public void Starts_fast_on_a_free_port_using_the_library_Confluent_loaded()
    {
        var sw = Stopwatch.StartNew();
        using var broker = StartWith("events", 4);
        sw.Stop();
        output.WriteLine($"start: {sw.ElapsedMilliseconds} ms, {broker.BootstrapServers}, native: {MockKafkaCluster.NativeLibraryPath}");

        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1), $"start took {sw.ElapsedMilliseconds} ms");
        Assert.Single(broker.Ports);
        Assert.NotEqual(0, broker.Ports[0]);
        Assert.Equal($"127.0.0.1:{broker.Ports[0]}", broker.BootstrapServers);
        Assert.Equal(Library.Version, MockKafkaCluster.NativeLibraryVersion);

        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, broker.Ports[0]);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var metadata = admin.GetMetadata("events", TimeSpan.FromSeconds(5));
        Assert.Equal(4, metadata.Topics.Single().Partitions.Count);
    }

    [Fact]
    public void Produces_consumes_commits_and_a_new_group_member_resumes_after_the_committed_offsets()
    {
        using var broker = StartWith("events", 4);
        var settings = KafkaClientSettings.For(broker.BootstrapServers, NewGroup(), "test");

        Produce(settings, "events", 0, 1000);

        var seen = new HashSet<int>();
        var next = new Dictionary<TopicPartition, long>();
        List<TopicPartitionOffset> committed;
        using (var consumer = new ConsumerBuilder<Null, string>(settings.CreateConsumerConfig()).Build())
        {
            var sw = Stopwatch.StartNew();
            consumer.Subscribe("events");
            TimeSpan? firstRecord = null;
            while (seen.Count < 1000 && sw.Elapsed < Deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null)
                {
                    continue;
                }
                firstRecord ??= sw.Elapsed;
                Assert.True(seen.Add(int.Parse(result.Message.Value)), $"duplicate {result.Message.Value}");
                consumer.StoreOffset(result);
                next[result.TopicPartition] = result.Offset.Value + 1;
            }
            output.WriteLine($"join + first record: {firstRecord?.TotalMilliseconds:F0} ms, all 1000: {sw.ElapsedMilliseconds} ms");
            Assert.Equal(1000, seen.Count);
            Assert.Equal(4, consumer.Assignment.Count);

            // Commit the offsets after the last consumed records explicitly: what auto-commit has already sent
            // is racy to observe, and a partition's fetch position can still be unset.
            var positions = next.Select(p => new TopicPartitionOffset(p.Key, p.Value)).ToList();
            consumer.Commit(positions);
            committed = consumer.Committed(next.Keys, TimeSpan.FromSeconds(5));
            Assert.Equal(next.Count, committed.Count);
            Assert.All(committed, c => Assert.Equal(next[c.TopicPartition], c.Offset.Value));
            Assert.Equal(1000, committed.Sum(o => o.Offset.Value));
            consumer.Close();
        }

        Produce(settings, "events", 1000, 100);

        using (var consumer = new ConsumerBuilder<Null, string>(settings.CreateConsumerConfig()).Build())
        {
            consumer.Subscribe("events");
            var resumed = new List<ConsumeResult<Null, string>>();
            var sw = Stopwatch.StartNew();
            while (resumed.Count < 100 && sw.Elapsed < Deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is not null)
                {
                    resumed.Add(result);
                    consumer.StoreOffset(result);
                }
            }
            // Nothing old is redelivered shortly after the new records.
            var extra = consumer.Consume(TimeSpan.FromMilliseconds(300));
            Assert.Null(extra);

            Assert.Equal(Enumerable.Range(1000, 100), resumed.Select(r => int.Parse(r.Message.Value)).Order());
            foreach (var r in resumed)
            {
                var start = committed.SingleOrDefault(c => c.TopicPartition == r.TopicPartition)?.Offset.Value ?? 0;
                Assert.True(r.Offset.Value >= start, $"{r.TopicPartitionOffset} is before committed offset {start}");
            }
            consumer.Close();
        }
    }

    [Fact]
    public async Task A_2MB_record_round_trips()
    {
        using var broker = StartWith("dead-letters", 1);
        var settings = KafkaClientSettings.For(broker.BootstrapServers, NewGroup(), "test");
        var payload = new byte[2 * 1024 * 1024];
        new Random(42).NextBytes(payload);

        using (var producer = new ProducerBuilder<Null, byte[]>(settings.CreateProducerConfig()).Build())
        {
            var report = await producer.ProduceAsync("dead-letters", new Message<Null, byte[]> { Value = payload });
            Assert.Equal(PersistenceStatus.Persisted, report.Status);
        }

        using var consumer = new ConsumerBuilder<Null, byte[]>(settings.CreateConsumerConfig()).Build();
        consumer.Subscribe("dead-letters");
        var result = consumer.Consume(Deadline);
        Assert.NotNull(result);
        Assert.Equal(payload, result.Message.Value);
        consumer.Close();
    }

    /// <summary>
    /// On the dev broker, a record larger than the producer's batch.size (1 MB by default) stalls its
    /// partition for consumers; our producers set batch.size to their largest message.
    /// </summary>
    [Fact]
    public void A_2MB_record_between_small_ones_does_not_stall_the_consumer()
    {
        using var broker = StartWith("mixed", 4);
        var settings = KafkaClientSettings.For(broker.BootstrapServers, NewGroup(), "test");
        const int total = 7000;
        using (var producer = new ProducerBuilder<string, byte[]>(settings.CreateProducerConfig()).Build())
        {
            for (var i = 0; i < total; i++)
                producer.Produce("mixed", new Message<string, byte[]> { Key = $"k{i}", Value = new byte[i % 700 == 350 ? 2 * 1024 * 1024 : 200] });
            producer.Flush(Deadline);
        }

        using var consumer = new ConsumerBuilder<string, byte[]>(settings.CreateConsumerConfig()).Build();
        consumer.Subscribe("mixed");
        var count = 0;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (count < total && DateTime.UtcNow < until)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not null) count++;
        consumer.Close();
        Assert.Equal(total, count);
    }

    [Theory]
    [InlineData(GroupProtocol.Consumer)]
    [InlineData(GroupProtocol.Classic)]
    public void Two_consumers_in_one_group_split_the_partitions(GroupProtocol protocol)
    {
        using var broker = StartWith("events", 4);
        var settings = new KafkaClientSettings(broker.BootstrapServers, NewGroup(), "test")
        {
            GroupProtocol = protocol,
            // Short, so the classic case stays quick: the mock holds classic rebalances for session timeout - 1 s.
            ClassicSessionTimeout = TimeSpan.FromSeconds(2),
            ClassicHeartbeatInterval = TimeSpan.FromMilliseconds(500),
        };
        Produce(settings, "events", 0, 100);

        using var a = new ConsumerBuilder<Null, string>(settings.CreateConsumerConfig()).Build();
        using var b = new ConsumerBuilder<Null, string>(settings.CreateConsumerConfig()).Build();
        var sw = Stopwatch.StartNew();
        a.Subscribe("events");
        b.Subscribe("events");

        TimeSpan? firstJoin = null;
        while (sw.Elapsed < Deadline)
        {
            a.Consume(TimeSpan.FromMilliseconds(20));
            b.Consume(TimeSpan.FromMilliseconds(20));
            if (firstJoin is null && (a.Assignment.Count > 0 || b.Assignment.Count > 0))
            {
                firstJoin = sw.Elapsed;
            }
            if (a.Assignment.Count > 0 && b.Assignment.Count > 0 && a.Assignment.Count + b.Assignment.Count == 4)
            {
                break;
            }
        }
        var split = sw.Elapsed;
        output.WriteLine($"{protocol}: first assignment after {firstJoin?.TotalMilliseconds:F0} ms, split {a.Assignment.Count}+{b.Assignment.Count} after {split.TotalMilliseconds:F0} ms");

        Assert.NotEmpty(a.Assignment);
        Assert.NotEmpty(b.Assignment);
        Assert.Empty(a.Assignment.Intersect(b.Assignment));
        Assert.Equal(4, a.Assignment.Union(b.Assignment).Count());

        // One member leaves: the other takes over every partition.
        sw.Restart();
        b.Close();
        while (a.Assignment.Count < 4 && sw.Elapsed < Deadline)
        {
            a.Consume(TimeSpan.FromMilliseconds(20));
        }
        output.WriteLine($"{protocol}: reassigned all 4 to the remaining member {sw.ElapsedMilliseconds} ms after the other closed");
        Assert.Equal(4, a.Assignment.Count);
        a.Close();
    }

    [Fact]
    public void Listens_on_a_requested_fixed_port()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        using var broker = StartWith("events", 2, port);
        Assert.Equal($"127.0.0.1:{port}", broker.BootstrapServers);
        var settings = KafkaClientSettings.For(broker.BootstrapServers, NewGroup(), "test");
        Produce(settings, "events", 0, 50);

        using var consumer = new ConsumerBuilder<Null, string>(settings.CreateConsumerConfig()).Build();
        consumer.Subscribe("events");
        var count = 0;
        var sw = Stopwatch.StartNew();
        while (count < 50 && sw.Elapsed < Deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not null)
            {
                count++;
            }
        }
        Assert.Equal(50, count);
        consumer.Close();

        var ex = Assert.Throws<InvalidOperationException>(() => StartWith("other", 1, port));
        Assert.Contains(port.ToString(), ex.Message);
    }

    [Theory]
    [InlineData("events")]
    [InlineData("events:")]
    [InlineData("events:zero")]
    [InlineData("events:0")]
    [InlineData("events:-3")]
    [InlineData(":4")]
    [InlineData("bad topic:4")]
    [InlineData("")]
    public void Bad_topic_specs_are_rejected_with_a_message_naming_them(string value)
    {
        var ex = Assert.Throws<FormatException>(() => TopicSpec.Parse(value));
        Assert.Contains($"'{value}'", ex.Message);
        Assert.Contains("NAME:PARTITIONS", ex.Message);
    }

    [Theory]
    [InlineData("events:4", "events", 4)]
    [InlineData(" model.scores-v2 : 12 ", "model.scores-v2", 12)]
    public void Topic_specs_parse(string value, string name, int partitions)
    {
        Assert.Equal(new TopicSpec(name, partitions), TopicSpec.Parse(value));
    }

    [Fact]
    public void Stops_cleanly_and_disposing_twice_is_fine()
    {
        var broker = StartWith("events", 1);
        var port = broker.Ports[0];
        var settings = KafkaClientSettings.For(broker.BootstrapServers, NewGroup(), "test");
        Produce(settings, "events", 0, 10);

        var sw = Stopwatch.StartNew();
        broker.Dispose();
        output.WriteLine($"stop: {sw.ElapsedMilliseconds} ms");
        broker.Dispose();

        Assert.True(broker.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => broker.CreateTopic(new TopicSpec("late", 1)));
        using var client = new TcpClient();
        Assert.ThrowsAny<SocketException>(() => client.Connect(IPAddress.Loopback, port));
    }

    private static void Produce(KafkaClientSettings settings, string topic, int from, int count)
    {
        using var producer = new ProducerBuilder<Null, string>(settings.CreateProducerConfig()).Build();
        var errors = 0;
        for (var i = from; i < from + count; i++)
        {
            producer.Produce(topic, new Message<Null, string> { Value = i.ToString() }, r =>
            {
                if (r.Error.IsError)
                {
                    Interlocked.Increment(ref errors);
                }
            });
        }
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, errors);
    }
}
