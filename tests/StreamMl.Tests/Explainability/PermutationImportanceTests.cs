using System.Text.Json;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Protocol;
using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using StreamMl.Tests.Learning;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Explainability;

/// <summary>
/// On SEA (class 1 when attrib1 + attrib2 ≤ 8, 10% label noise) the labels never depend on attrib3: its permutation
/// importance is within the shuffles' noise of zero, overall and per slice, while attrib1 and attrib2 clearly matter.
/// </summary>
public sealed class PermutationImportanceTests(ITestOutputHelper output)
{
    private static readonly CompiledSpec Sea = new(SpecLoader.Load(RepoPaths.Spec("sea.json")));
    private static readonly ImportanceOptions Options = new() { Repeats = 5, Seed = 3 };

    [Fact]
    public void A_batch_models_unused_feature_has_importance_within_noise_of_zero_on_the_holdout()
    {
        var model = ModelTrainer.Train(Sea, Events(seed: 1, count: 5000));

        var report = PermutationImportance.Measure(model, Events(seed: 2, count: 2000), GateMetric.Accuracy, Options);

        AssertSeaImportance(report);
    }

    [Theory]
    [InlineData("hoeffding-tree")]
    [InlineData("adaptive-random-forest")]
    [InlineData("logistic-sgd")]
    public void An_online_models_unused_feature_has_importance_within_noise_of_zero_on_a_window(string learner)
    {
        var model = LearnerCatalog.Create(OnlineLearnerSpec.Parse(learner), LearnerSchema.FromSpec(Sea));
        foreach (var e in Events(seed: 1, count: 5000)) model.Learn(LearnerInput.Of(e), e.Label!.Value);

        var report = PermutationImportance.Measure(model, Events(seed: 2, count: 2000), GateMetric.Accuracy, Options);

        AssertSeaImportance(report);
    }

    [Fact]
    public void The_same_seed_gives_the_same_report_and_it_survives_the_journals_json()
    {
        var model = ModelTrainer.Train(Sea, Events(seed: 1, count: 2000));
        var holdout = Events(seed: 2, count: 500);

        var first = PermutationImportance.Measure(model, holdout, GateMetric.Auc, Options);
        var second = PermutationImportance.Measure(model, holdout, GateMetric.Auc, Options);

        var json = JsonSerializer.Serialize(first, ProtocolSerializer.Options);
        Assert.Equal(json, JsonSerializer.Serialize(second, ProtocolSerializer.Options));
        var back = JsonSerializer.Deserialize<ImportanceReport>(json, ProtocolSerializer.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, ProtocolSerializer.Options));
        Assert.Equal("auc", back.Metric);
        Assert.Equal(Options.Repeats, back.Overall.Features[0].Losses.Count);
    }

    private void AssertSeaImportance(ImportanceReport report)
    {
        foreach (var (group, importances) in report.Slices.Prepend(new("overall", report.Overall)))
        {
            output.WriteLine($"{group} ({importances.ExampleCount} examples, accuracy {importances.Baseline:0.000}): " +
                string.Join(", ", importances.Features.Select(f => $"{f.Feature} {f.Mean:0.0000} ± {f.StandardDeviation:0.0000}")));
            var noise = Importance(importances, "attrib3");
            // The noise has two sources: the shuffles (three standard errors of the mean over the repeats) and the
            // examples themselves, whose accuracy is known to within its standard error √(a(1 − a)/n). A tree that
            // picked up a little of attrib3's noise loses or gains a tenth of a percent; the hold-out cannot tell that from 0.
            var a = importances.Baseline;
            var threshold = Math.Max(3 * noise.StandardDeviation / Math.Sqrt(report.Repeats), Math.Sqrt(a * (1 - a) / importances.ExampleCount));
            Assert.True(Math.Abs(noise.Mean) <= threshold, $"{group}: attrib3 {noise.Mean} is not within {threshold} of 0");
            foreach (var used in new[] { "attrib1", "attrib2" })
            {
                var importance = Importance(importances, used);
                Assert.True(importance.Mean > 0.05 && importance.Mean - 3 * importance.StandardDeviation > Math.Abs(noise.Mean) + threshold,
                    $"{group}: {used} {importance.Mean} ± {importance.StandardDeviation} is not clearly above attrib3's {noise.Mean}");
            }
        }
        Assert.Equal(["attrib3Level=high", "attrib3Level=low"], report.Slices.Keys);
    }

    private static FeatureImportance Importance(FeatureImportances importances, string feature) => importances.Features.Single(f => f.Feature == feature);

    /// <summary>SEA's first concept as validated events, sliced by attrib3Level as sea.json slices them.</summary>
    private static ValidEvent[] Events(long seed, int count) =>
        LearningStreams.SeaConcepts(seed, count, [8]).Select((x, i) => new ValidEvent($"e-{seed}-{i}", null, x.Numeric, [], [],
            x.Label, ["*", x.Numeric[2] < 5 ? "attrib3Level=low" : "attrib3Level=high"])).ToArray();
}
