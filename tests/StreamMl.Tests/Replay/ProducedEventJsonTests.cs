using System.Text;
using System.Text.Json;
using StreamMl.Cluster.Commands;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Streams.Replay;
using Xunit;

namespace StreamMl.Tests.Replay;

public class ProducedEventJsonTests
{
    [Fact]
    public void A_produced_event_parses_back_with_the_same_values()
    {
        var source = new CsvEventSource(() => new StringReader("x,y,city,class\n0.021277,-3.5e-7,\"Sydney, NSW\",1\n,2,,0\n"), "t",
            ReplayTestSpecs.Mixed(), includeLabels: true, idPrefix: "elec-");

        foreach (var produced in source)
        {
            var value = EventProducer.Serialize(produced);
            var back = JsonSerializer.Deserialize(value, ContractsJsonContext.Default.EventRecord)!;

            Assert.Equal(produced.Id, Encoding.UTF8.GetString(EventProducer.Key(produced)));
            Assert.Equal(produced.Id, back.Id);
            Assert.Equal(produced.Time, back.Time);
            Assert.Equal(produced.Label, back.Label);
            Assert.Equal(produced.Features.OrderBy(f => f.Key), back.Features.OrderBy(f => f.Key));
        }
    }

    [Fact]
    public void The_json_is_camel_case_without_a_time_when_there_is_none()
    {
        var record = new EventRecord("e-1", null, new Dictionary<string, FeatureValue> { ["x"] = FeatureValue.Of(0.5), ["c"] = FeatureValue.Missing });

        var json = Encoding.UTF8.GetString(EventProducer.Serialize(record));

        Assert.Equal("""{"id":"e-1","features":{"x":0.5,"c":null}}""", json);
    }

    [Fact]
    public void The_ingestion_decoder_accepts_what_the_producer_writes()
    {
        var spec = ReplayTestSpecs.Mixed();
        var source = new CsvEventSource(() => new StringReader("x,y,city,class\n0.25,1,a,1\n"), "t", spec, includeLabels: true, idPrefix: "p-");
        var decoder = new EventDecoder(new CompiledSpec(spec));

        var result = decoder.Decode(EventProducer.Serialize(source.Single()));

        Assert.True(result.IsValid, result.Rejection?.ToString());
        Assert.Equal("p-0", result.Event!.Id);
    }

    [Fact]
    public void The_summary_prints_as_one_camel_case_json_line()
    {
        var json = JsonSerializer.Serialize(new ProduceSummary(10, 9, 1, 2.5, 4), ReplayJsonContext.Default.ProduceSummary);

        Assert.Equal("""{"sent":10,"acknowledged":9,"failed":1,"elapsedSeconds":2.5,"eventsPerSecond":4}""", json);
    }

    [Fact]
    public void The_producer_is_idempotent_with_all_acks()
    {
        var config = EventProducer.CreateConfig(new EventProducerOptions { BootstrapServers = "localhost:9092" });

        Assert.Equal(Confluent.Kafka.Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(5, config.LingerMs);
    }
}

public class ProduceArgumentTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    private ProduceCommand.ProduceArguments Valid() =>
        new("localhost:9092", "streamml.events", _file, _file, 0, 0, null, false, "");

    [Fact]
    public void Valid_arguments_pass() => ProduceCommand.Validate(Valid());

    [Fact]
    public void Each_bad_argument_names_its_option()
    {
        AssertNames("--bootstrap-servers", Valid() with { BootstrapServers = null });
        AssertNames("--bootstrap-servers", Valid() with { BootstrapServers = "localhost" });
        AssertNames("--bootstrap-servers", Valid() with { BootstrapServers = "a:1,b:x" });
        AssertNames("--topic", Valid() with { Topic = "bad topic" });
        AssertNames("--spec", Valid() with { Spec = _file + ".missing" });
        AssertNames("--csv", Valid() with { Csv = _file + ".missing" });
        AssertNames("--csv, --generator", Valid() with { Csv = null });
        AssertNames("--rate", Valid() with { Rate = -1 });
        AssertNames("--rate", Valid() with { Rate = double.NaN });
        AssertNames("--skip", Valid() with { Skip = -1 });
        AssertNames("--limit", Valid() with { Limit = -1 });
    }

    private static void AssertNames(string option, ProduceCommand.ProduceArguments arguments)
    {
        var error = Assert.Throws<UsageException>(() => ProduceCommand.Validate(arguments));
        Assert.StartsWith(option + ":", error.Message);
    }

    [Fact]
    public async Task A_bad_option_exits_with_code_2()
    {
        var command = ProduceCommand.Create();
        var root = new System.CommandLine.RootCommand { command };

        var code = await root.Parse(["produce", "--bootstrap-servers", "localhost:9092", "--spec", _file, "--csv", _file, "--rate", "-5"]).InvokeAsync();

        Assert.Equal(2, code);
    }
}
