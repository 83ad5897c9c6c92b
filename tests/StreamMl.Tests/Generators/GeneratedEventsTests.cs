using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Generators;

public class GeneratedEventsTests
{
    [Fact]
    public void Events_have_unique_ids_named_features_and_optional_labels()
    {
        var generator = new AgrawalGenerator(2, seed: 1);
        var events = GeneratedEvents.ToEvents(generator, ["s", "c", "a", "hv", "hy", "l"], ["e", "car", "z"], "y", includeLabels: true, idPrefix: "ag-")
            .Take(500).ToList();

        Assert.Equal(500, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal("ag-0", events[0].Id);
        Assert.Equal("ag-499", events[^1].Id);
        Assert.All(events, e =>
        {
            Assert.Equal(9, e.Features.Count);
            Assert.NotNull(e.Features["s"].Number);
            Assert.NotNull(e.Features["z"].Text);
            Assert.True(e.Label!.Value.Number is 0 or 1);
        });

        var unlabelled = GeneratedEvents.ToEvents(new AgrawalGenerator(2, seed: 1), includeLabels: false).Take(10).ToList();
        Assert.All(unlabelled, e => Assert.Null(e.Label));
        Assert.Equal(events[3].Features["s"], unlabelled[3].Features["salary"]);
    }

    [Fact]
    public void Name_lists_must_fit_the_generator()
    {
        var generator = new SeaGenerator(0, seed: 1);
        Assert.Throws<ArgumentException>(() => GeneratedEvents.ToEvents(generator, ["a", "b"], [], "class", true, ""));
        Assert.Throws<ArgumentException>(() => GeneratedEvents.ToEvents(generator, ["a", "b", "a"], [], "class", true, ""));
        Assert.Throws<ArgumentException>(() => GeneratedEvents.ToEvents(generator, ["a", "b", "c"], [], "c", true, ""));
    }

    [Theory]
    [InlineData("sea")]
    [InlineData("agrawal")]
    [InlineData("stagger")]
    [InlineData("sine")]
    [InlineData("hyperplane")]
    [InlineData("rbf")]
    public void Each_generator_s_events_are_accepted_by_its_spec(string name)
    {
        var spec = new CompiledSpec(SpecLoader.Load(RepoPaths.Spec(name + ".json")));
        var decoder = new EventDecoder(spec);
        var generator = GeneratorCatalog.Create(name, seed: 21, GeneratorCatalog.Schedule(name, "500", 100));

        foreach (var e in GeneratedEvents.ToEvents(generator, includeLabels: true, idPrefix: name + "-").Take(2000))
        {
            var result = decoder.Decode(EventProducer.Serialize(e));
            Assert.True(result.IsValid, $"{e.Id}: {result.Rejection}");
        }
    }

    public static TheoryData<string> SpecFiles => [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "specs"), "*.json").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(SpecFiles))]
    public void Every_spec_file_loads(string file)
    {
        var spec = SpecLoader.Load(RepoPaths.Spec(file));
        Assert.False(string.IsNullOrWhiteSpace(spec.Name));
        Assert.NotEmpty(spec.Slices);
    }
}
