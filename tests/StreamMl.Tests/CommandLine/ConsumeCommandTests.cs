using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Streams.Kafka;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.CommandLine;

/// <summary><c>streamml consume</c> over the dev broker: every record of a topic as one JSON line, dead letters with their headers.</summary>
public class ConsumeCommandTests
{
    [Fact]
    public async Task Prints_each_record_of_a_topic_as_a_json_line_and_stops_at_its_end()
    {
        using var broker = TestBroker.Start();
        KafkaTopics.Produce(broker.BootstrapServers, "streamml.predictions", Enumerable.Range(0, 5)
            .Select(i => ((string?)$"e-{i}", Encoding.UTF8.GetBytes($$"""{"id":"e-{{i}}","modelVersion":"v1","probability":0.{{i}}}"""))));

        var result = await CliProcess.Run(["consume", "--bootstrap-servers", broker.BootstrapServers, "--topic", "streamml.predictions"]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"e-{i}").Order(), lines.Select(l => l.GetProperty("key").GetString()!).Order());
        Assert.All(lines, l =>
        {
            Assert.Equal("streamml.predictions", l.GetProperty("topic").GetString());
            Assert.Equal(l.GetProperty("key").GetString(), l.GetProperty("value").GetProperty("id").GetString());
            Assert.Equal("v1", l.GetProperty("value").GetProperty("modelVersion").GetString());
        });
    }

    [Fact]
    public async Task A_dead_letter_keeps_its_headers_and_its_original_bytes()
    {
        using var broker = TestBroker.Start();
        byte[] invalidUtf8 = [0x7b, 0xff, 0xfe, 0x7d];
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(broker.BootstrapServers).CreateProducerConfig()).Build())
        {
            await producer.ProduceAsync("streamml.deadletter", new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes("k"),
                Value = invalidUtf8,
                Headers = new Headers { { "streamml.reason", Encoding.UTF8.GetBytes("invalid-utf8") }, { "streamml.source.offset", Encoding.UTF8.GetBytes("41") } },
            });
            await producer.ProduceAsync("streamml.deadletter", new Message<byte[]?, byte[]?> { Key = null, Value = Encoding.UTF8.GetBytes("{\"id\":") });
        }

        var result = await CliProcess.Run(["consume", "--bootstrap-servers", broker.BootstrapServers, "--topic", "streamml.deadletter"]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        var first = lines.Single(l => l.GetProperty("offset").GetInt64() == 0);
        Assert.Equal("invalid-utf8", first.GetProperty("headers").GetProperty("streamml.reason").GetString());
        Assert.Equal("41", first.GetProperty("headers").GetProperty("streamml.source.offset").GetString());
        Assert.Equal(invalidUtf8, first.GetProperty("valueBase64").GetBytesFromBase64());
        var second = lines.Single(l => l.GetProperty("offset").GetInt64() == 1);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("key").ValueKind);
        Assert.Equal("{\"id\":", second.GetProperty("valueText").GetString());
    }

    [Fact]
    public async Task Limit_stops_after_n_records_and_an_unknown_topic_is_a_usage_error()
    {
        using var broker = TestBroker.Start();
        KafkaTopics.Produce(broker.BootstrapServers, "streamml.alerts", Enumerable.Range(0, 10).Select(i => ((string?)null, Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"))));

        var limited = await CliProcess.Run(["consume", "--bootstrap-servers", broker.BootstrapServers, "--topic", "streamml.alerts", "--limit", "3"]);
        var unknown = await CliProcess.Run(["consume", "--bootstrap-servers", broker.BootstrapServers, "--topic", "no.such.topic"]);

        Assert.Equal(0, limited.ExitCode);
        Assert.Equal([0, 1, 2], limited.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("value").GetProperty("n").GetInt32()));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--topic: topic 'no.such.topic' does not exist", Assert.Single(unknown.ErrorLines));
    }
}
