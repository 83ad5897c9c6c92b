using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.OnlineLearning;

/// <summary>
/// An online state's permutation importance on the label-log records after it: on SEA, whose labels depend on attrib1
/// and attrib2 only, shuffling attrib3 costs nothing beyond noise and each of the others clearly more; the slices are
/// the spec's.
/// </summary>
public sealed class WindowImportanceTests
{
    [Fact]
    public void A_state_s_importance_on_the_records_after_it_finds_the_features_the_labels_depend_on()
    {
        var spec = new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("sea.json")));
        var decoder = new EventDecoder(spec);
        var events = GeneratedEvents.ToEvents(SeaGenerator.Drifting(seed: 3, DriftSchedule.Stationary), includeLabels: true, idPrefix: "sea-")
            .Take(6000).Select(e => decoder.Decode(EventProducer.Serialize(e)).Event!).ToArray();
        var log = events.Select((e, i) => ((long)i, (byte[]?)LearningRecordCodec.Encode(
            new LearningExample(e.Id, e.Numeric, e.Categorical, e.Label!.Value, [], i, Late: false)))).ToList();
        var replica = LearnerReplica.Start("v1", OnlineLearnerSpec.Parse("hoeffding-tree"), LearnerSchema.FromSpec(spec), 10_000, 0);
        replica.Apply(log[..4000], 0);

        var report = WindowImportance.Measure(replica.Checkpoint().Bytes, spec, log[4000..].Select(r => r.Item2))!;

        var loss = report.Overall.Features.ToDictionary(f => f.Feature, f => f.Mean);
        Assert.Equal(2000, report.Overall.ExampleCount);
        Assert.InRange(loss["attrib3"], -0.01, 0.01);
        Assert.True(loss["attrib1"] > 0.1 && loss["attrib2"] > 0.1, string.Join(", ", loss));
        Assert.Equal(["attrib3Level=high", "attrib3Level=low"], report.Slices.Keys.Order());
        // The state did not learn the window: the baseline is its prequential accuracy there, below a perfect score.
        Assert.InRange(report.Overall.Baseline, 0.7, 0.95);
    }

    [Fact]
    public void Records_without_a_labelled_example_give_no_report()
    {
        var spec = new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("sea.json")));
        var replica = LearnerReplica.Start("v1", OnlineLearnerSpec.Parse("hoeffding-tree"), LearnerSchema.FromSpec(spec), 100, 0);

        Assert.Null(WindowImportance.Measure(replica.Checkpoint().Bytes, spec, [LearningRecordCodec.Encode(new LearnerReset("v1", "drift", 0)), [1, 2, 3], null]));
    }
}
