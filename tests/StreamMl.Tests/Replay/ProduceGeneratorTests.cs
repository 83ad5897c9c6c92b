using StreamMl.Cluster.Commands;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Replay;

public class ProduceGeneratorTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    private static ProduceCommand.ProduceArguments Generator(string name) =>
        new("localhost:9092", "streamml.events", null, null, 0, 0, 1000, true, "", Generator: name);

    public static TheoryData<string> Names => [.. GeneratorCatalog.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_first_thousand_events_of_each_generator_are_valid_for_its_default_spec(string name)
    {
        var arguments = Generator(name) with { DriftAt = "300,600", DriftWidth = 50, IdPrefix = name + "-" };
        ProduceCommand.Validate(arguments);
        Assert.Equal(BundledFiles.Spec(name), ProduceCommand.SpecPath(arguments));
        Assert.Equal(File.ReadAllText(RepoPaths.Spec(name + ".json")), File.ReadAllText(ProduceCommand.SpecPath(arguments)!));
        var decoder = new EventDecoder(new CompiledSpec(SpecLoader.Load(ProduceCommand.SpecPath(arguments)!)));

        var events = ProduceCommand.Events(arguments).ToList();

        Assert.Equal(1000, events.Count);
        Assert.Equal(name + "-0", events[0].Id);
        Assert.Equal(name + "-999", events[^1].Id);
        foreach (var e in events)
        {
            Assert.NotNull(e.Label);
            var result = decoder.Decode(EventProducer.Serialize(e));
            Assert.True(result.IsValid, $"{e.Id}: {result.Rejection}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Stationary_unlabelled_events_are_valid_too(string name)
    {
        var arguments = Generator(name) with { Stationary = true, Labels = false, Seed = 7 };
        ProduceCommand.Validate(arguments);
        var decoder = new EventDecoder(new CompiledSpec(SpecLoader.Load(ProduceCommand.SpecPath(arguments)!)));

        foreach (var e in ProduceCommand.Events(arguments))
        {
            Assert.Null(e.Label);
            var result = decoder.Decode(EventProducer.Serialize(e));
            Assert.True(result.IsValid, $"{e.Id}: {result.Rejection}");
        }
    }

    [Fact]
    public void Skip_keeps_the_event_numbers_and_the_stream_is_seeded()
    {
        var all = ProduceCommand.Events(Generator("sea") with { Limit = 20, Seed = 7 }).ToList();
        var skipped = ProduceCommand.Events(Generator("sea") with { Limit = 5, Skip = 15, Seed = 7 }).ToList();
        var other = ProduceCommand.Events(Generator("sea") with { Limit = 20, Seed = 8 }).ToList();

        Assert.Equal(all.Skip(15).Select(e => e.Id), skipped.Select(e => e.Id));
        Assert.Equal(all.Skip(15).Select(e => e.Features["attrib1"]), skipped.Select(e => e.Features["attrib1"]));
        Assert.NotEqual(all.Select(e => e.Features["attrib1"]), other.Select(e => e.Features["attrib1"]));
        // Each enumeration starts the stream anew.
        var source = ProduceCommand.Events(Generator("sea") with { Limit = 20, Seed = 7 });
        Assert.Equal(source.Select(e => e.Features["attrib1"]), source.Select(e => e.Features["attrib1"]));
        Assert.Empty(ProduceCommand.Events(Generator("sea") with { Limit = 0 }));
    }

    [Fact]
    public void The_default_seed_is_one()
    {
        var unseeded = ProduceCommand.Events(Generator("agrawal") with { Limit = 10 }).Select(e => e.Features["salary"]);
        var seeded = ProduceCommand.Events(Generator("agrawal") with { Limit = 10, Seed = 1 }).Select(e => e.Features["salary"]);
        Assert.Equal(unseeded, seeded);
    }

    [Fact]
    public void Generator_names_are_case_insensitive()
    {
        var arguments = Generator("SEA");
        ProduceCommand.Validate(arguments);
        Assert.Equal(BundledFiles.Spec("sea"), ProduceCommand.SpecPath(arguments));
    }

    [Fact]
    public void Generator_arguments_are_checked()
    {
        AssertNames("--csv, --generator", Generator("sea") with { Csv = _file });
        AssertNames("--csv, --generator", Generator("sea") with { Generator = null });
        AssertNames("--generator", Generator("moa"));
        AssertNames("--limit", Generator("sea") with { Limit = null });
        AssertNames("--drift-at", Generator("sea") with { DriftAt = "x" });
        AssertNames("--drift-at", Generator("sea") with { DriftAt = "20,10" });
        AssertNames("--drift-at", Generator("sea") with { DriftAt = "-5" });
        AssertNames("--drift-at", Generator("sea") with { DriftAt = "" });
        AssertNames("--drift-width", Generator("sea") with { DriftAt = "10", DriftWidth = -1 });
        AssertNames("--stationary", Generator("sea") with { DriftAt = "10", Stationary = true });
        AssertNames("--spec", Generator("sea") with { Spec = _file + ".missing" });
    }

    [Fact]
    public void Generator_options_are_refused_with_a_csv_file()
    {
        var csv = new ProduceCommand.ProduceArguments("localhost:9092", "streamml.events", _file, _file, 0, 0, null, false, "");
        ProduceCommand.Validate(csv);
        AssertNames("--seed", csv with { Seed = 3 });
        AssertNames("--drift-at", csv with { DriftAt = "10" });
        AssertNames("--drift-width", csv with { DriftWidth = 10 });
        AssertNames("--stationary", csv with { Stationary = true });
        AssertNames("--spec", csv with { Spec = null });
    }

    [Fact]
    public void A_spec_that_does_not_fit_the_generator_is_refused()
    {
        var arguments = Generator("sea") with { Spec = RepoPaths.Spec("stagger.json") };
        ProduceCommand.Validate(arguments);

        var error = Assert.Throws<UsageException>(() => ProduceCommand.Events(arguments));

        Assert.StartsWith("--spec:", error.Message);
    }

    [Fact]
    public async Task A_generator_without_a_limit_exits_with_code_2()
    {
        var root = new System.CommandLine.RootCommand { ProduceCommand.Create() };

        var code = await root.Parse(["produce", "--bootstrap-servers", "localhost:9092", "--generator", "sea", "--drift-at", "20000"]).InvokeAsync();

        Assert.Equal(2, code);
    }

    private static void AssertNames(string option, ProduceCommand.ProduceArguments arguments)
    {
        var error = Assert.Throws<UsageException>(() => ProduceCommand.Validate(arguments));
        Assert.StartsWith(option + ":", error.Message);
    }
}
