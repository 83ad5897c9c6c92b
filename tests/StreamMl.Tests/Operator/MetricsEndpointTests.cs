using System.Text;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Operator;

/// <summary>/metrics of a real node fed over the dev broker, read with a parser of the Prometheus text format.</summary>
public sealed class MetricsEndpointTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-metrics-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start(eventPartitions: 2);

    [Fact]
    public async Task Metrics_parse_as_Prometheus_text_and_count_the_events_a_node_answers_and_dead_letters()
    {
        var events = ElecEvents.Read(skip: 0, take: 3000);
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });
        var before = await Scrape(node);
        Assert.Equal(0, before["streamml_events_consumed_total"].Sum("streamml_events_consumed_total"));

        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, EventProducer.Serialize(e)))
            .Concat(Enumerable.Range(0, 7).Select(i => ((string?)$"bad-{i}", Encoding.UTF8.GetBytes("{not json")))));
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered + node.Ingestion.Counters.DeadLetters), n => n >= events.Count + 7,
            TimeSpan.FromSeconds(60), "answers");
        // The consumer's lag comes with librdkafka's statistics every 5 s, once offsets are committed.
        var metrics = await Eventually.Get(() => Scrape(node), m => m.TryGetValue("streamml_consumer_lag_records", out var lag) && lag.Samples.Count == 2
            && lag.Samples.All(s => s.Value == 0), TimeSpan.FromSeconds(30), "consumer lag of both partitions at 0");

        Assert.Equal(events.Count + 7, metrics["streamml_events_consumed_total"].Value("streamml_events_consumed_total"));
        Assert.Equal(events.Count, metrics["streamml_events_predicted_total"].Value("streamml_events_predicted_total"));
        Assert.Equal(7, metrics["streamml_events_dead_lettered_total"].Value("streamml_events_dead_lettered_total", ("reason", "invalid-json")));
        Assert.Equal(1, metrics["streamml_serving_model_info"].Value("streamml_serving_model_info", ("version", "v1"), ("role", "champion"), ("mode", "full")));
        Assert.True(metrics["streamml_slice_snapshots_total"].Value("streamml_slice_snapshots_total", ("outcome", "saved")) > 0);
        Assert.True(metrics["streamml_slice_entities"].Value("streamml_slice_entities") > 0);
        Assert.True(metrics["streamml_slice_recoveries_total"].Value("streamml_slice_recoveries_total") > 0);

        var latency = metrics["streamml_event_latency_seconds"];
        Assert.Equal("histogram", latency.Type);
        Assert.Equal(events.Count, latency.Value("streamml_event_latency_seconds_count"));
        AssertCumulative(latency, events.Count);
        var batches = metrics["streamml_batch_records"];
        Assert.Equal(events.Count + 7, batches.Value("streamml_batch_records_sum", ("pipeline", "events")));
        AssertCumulative(batches, (long)batches.Value("streamml_batch_records_count", ("pipeline", "events"))!.Value, ("pipeline", "events"));

        // The runtime's metrics are there too (prometheus-net's process and GC collector).
        Assert.Contains("process_cpu_seconds_total", metrics.Keys);
        Assert.True(metrics["dotnet_collection_count_total"].Value("dotnet_collection_count_total", ("generation", "0")) > 0);
        AssertConventions(metrics, events.Select(e => e.Id).ToHashSet());
        // Every metric the alerting rules in deploy/ use is one the node exports.
        var rules = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "prometheus", "streamml-alerts.yaml"));
        foreach (var used in System.Text.RegularExpressions.Regex.Matches(rules, "streamml_[a-z_]+").Select(m => m.Value).Distinct())
            Assert.True(metrics.ContainsKey(used), $"the alerting rules use {used}, which /metrics does not export");
        output.WriteLine($"{metrics.Count} metric families; latency sum {latency.Value("streamml_event_latency_seconds_sum"):0.00} s over {events.Count} events");
    }

    [Fact]
    public async Task With_metrics_off_the_node_still_answers_and_metrics_is_404()
    {
        var events = ElecEvents.Read(skip: 0, take: 200);
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, EventProducer.Serialize(e))));
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
            ["Metrics:Enabled"] = "false",
        });
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= events.Count, TimeSpan.FromSeconds(60), "answers");

        var response = await node.Http.GetAsync("/metrics");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Metrics:Enabled", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_parser_refuses_what_Prometheus_would_refuse()
    {
        Assert.Throws<FormatException>(() => PrometheusText.Parse("x_total 1\n"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("# TYPE x counter\nx{a=\"1} 1\n"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("# TYPE x counter\nx{1a=\"b\"} 1\n"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("# TYPE x counter\nx one\n"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("# TYPE x counter\nx 1\nx 2\n"));
        Assert.Throws<FormatException>(() => PrometheusText.Parse("# TYPE x gauge\nx_bucket{le=\"1\"} 1\n"));
        var parsed = PrometheusText.Parse("# HELP h A \"help\".\n# TYPE h histogram\nh_bucket{le=\"1\",path=\"a\\\"b\"} 2\nh_bucket{le=\"+Inf\",path=\"a\\\"b\"} 3\nh_sum{path=\"a\\\"b\"} 4.5\nh_count{path=\"a\\\"b\"} 3\n");
        Assert.Equal(3, parsed["h"].Value("h_count", ("path", "a\"b")));
    }

    private static async Task<IReadOnlyDictionary<string, MetricFamily>> Scrape(TestNode node)
    {
        var response = await node.Http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Each histogram's buckets never decrease as <c>le</c> grows, and the +Inf bucket is the count.</summary>
    private static void AssertCumulative(MetricFamily histogram, long count, params (string Name, string Value)[] labels)
    {
        var buckets = histogram.Samples.Where(s => s.Name == histogram.Name + "_bucket" && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value))
            .Select(s => (Le: s.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s.Labels["le"], System.Globalization.CultureInfo.InvariantCulture), s.Value))
            .OrderBy(b => b.Le).ToList();
        Assert.True(buckets.Count > 2, $"{histogram.Name} has {buckets.Count} buckets");
        for (var i = 1; i < buckets.Count; i++) Assert.True(buckets[i].Value >= buckets[i - 1].Value, $"{histogram.Name}: bucket le={buckets[i].Le} < le={buckets[i - 1].Le}");
        Assert.True(double.IsPositiveInfinity(buckets[^1].Le));
        Assert.Equal(count, buckets[^1].Value);
    }

    /// <summary>streamml_ counters end in _total, durations are in seconds, and no label value is an event id.</summary>
    private static void AssertConventions(IReadOnlyDictionary<string, MetricFamily> metrics, HashSet<string> eventIds)
    {
        foreach (var family in metrics.Values.Where(f => f.Name.StartsWith("streamml_", StringComparison.Ordinal)))
        {
            Assert.False(string.IsNullOrWhiteSpace(family.Help), $"{family.Name} has no help");
            if (family.Type == "counter") Assert.EndsWith("_total", family.Name);
            Assert.DoesNotContain("_milliseconds", family.Name);
            foreach (var sample in family.Samples)
                Assert.DoesNotContain(sample.Labels.Values, eventIds.Contains);
        }
    }

    public void Dispose() => _broker.Dispose();
}
