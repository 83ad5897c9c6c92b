using StreamMl.Core.Ingestion;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using StreamMl.Tests.Modeling;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Lifecycle;

/// <summary>The gate on real ML.NET models of elec: trained on rows 0–5,000, judged on rows 5,000–7,000.</summary>
public sealed class GateOnElecTests(ITestOutputHelper output)
{
    private static readonly ValidEvent[] Training = ElecData.Range(0, 5_000);
    private static readonly ValidEvent[] Holdout = ElecData.Range(5_000, 2_000);
    private static readonly Lazy<TrainedModel> Champion = new(() => ModelTrainer.Train(ElecData.Spec, Training));
    private static readonly Lazy<EvaluationReport> ChampionReport = new(() => ModelEvaluation.EvaluateBySlice(Champion.Value, Holdout));

    /// <summary>The training events with their labels permuted: the features no longer say anything about the label.</summary>
    private static ValidEvent[] ShuffledLabels(IReadOnlyList<ValidEvent> events, int seed)
    {
        var random = new Random(seed);
        var labels = events.Select(e => e.Label).ToArray();
        random.Shuffle(labels);
        return events.Select((e, i) => e with { Label = labels[i] }).ToArray();
    }

    [Fact]
    public void A_challenger_trained_on_shuffled_labels_is_refused_overall()
    {
        var challenger = ModelEvaluation.EvaluateBySlice(ModelTrainer.Train(ElecData.Spec, ShuffledLabels(Training, seed: 5)), Holdout);

        var decision = ValidationGate.Decide(new GateSpec(), LabelKind.Binary, ChampionReport.Value, challenger);

        foreach (var reason in decision.Reasons) output.WriteLine(reason);
        Assert.False(decision.Passed);
        Assert.StartsWith("overall accuracy ", decision.Reasons[0]);
        Assert.Contains("below the champion's", decision.Reasons[0]);
        Assert.True(decision.ChampionValue - decision.ChallengerValue > 0.1, $"{decision.ChallengerValue} vs {decision.ChampionValue}");

        // Log-loss is better lower: the same challenger is refused for a log-loss above the champion's.
        var byLogLoss = ValidationGate.Decide(new GateSpec { Metric = "logloss" }, LabelKind.Binary, ChampionReport.Value, challenger);
        output.WriteLine(byLogLoss.Reasons[0]);
        Assert.False(byLogLoss.Passed);
        Assert.StartsWith("overall logloss ", byLogLoss.Reasons[0]);
        Assert.Contains("above the champion's", byLogLoss.Reasons[0]);
        Assert.True(byLogLoss.ChallengerValue > byLogLoss.ChampionValue);
    }

    [Fact]
    public void A_challenger_worse_at_night_only_is_refused_for_that_slice_alone()
    {
        // The challenger is the champion's twin (same spec, same data, so the same model), judged on a hold-out where
        // it gets 24 night events wrong that the champion gets right: 8 in each demand level, so the demand slices,
        // which night events also fall in, lose at most 8 of their 500-800 events (under the 0.02 slice tolerance).
        var twin = ModelTrainer.Train(ElecData.Spec, Training);
        var scores = new ModelScorer(twin).Score(Holdout);
        var corrupted = new HashSet<string>();
        foreach (var level in new[] { "low", "medium", "high" })
        {
            var right = Holdout.Where((e, i) => e.Slices.Contains("dayPart=night") && e.Slices.Contains($"demandLevel={level}")
                                                && scores[i].PredictedLabel == (e.Label == 1)).Select(e => e.Id).Take(8).ToArray();
            Assert.Equal(8, right.Length);
            corrupted.UnionWith(right);
        }
        var holdout = Holdout.Select(e => corrupted.Contains(e.Id) ? e with { Label = 1 - e.Label } : e).ToArray();
        var challenger = ModelEvaluation.EvaluateBySlice(twin, holdout);
        // Overall the challenger loses 24 of 2,000 (0.012): within this gate's overall tolerance, so only slices can refuse it.
        var gate = new GateSpec { Tolerance = 0.02 };

        var decision = ValidationGate.Decide(gate, LabelKind.Binary, ChampionReport.Value, challenger);

        foreach (var s in decision.Slices) output.WriteLine($"{s.Slice}: {s.ChampionValue:F4} → {s.ChallengerValue:F4} (n={s.ChallengerExamples}, shortfall {s.Shortfall:F4})");
        foreach (var reason in decision.Reasons) output.WriteLine(reason);
        Assert.False(decision.Passed);
        var only = Assert.Single(decision.Reasons);
        Assert.StartsWith("slice dayPart=night: accuracy ", only);
        var night = decision.Slices.Single(s => s.Slice == "dayPart=night");
        Assert.Equal(24.0 / night.ChallengerExamples, night.Shortfall!.Value, 9);
        Assert.All(decision.Slices.Where(s => s.Slice != "dayPart=night"), s => Assert.True(s.Passed && s.Judged, s.Slice));
        Assert.Equal(7, decision.Slices.Count);
    }

    [Fact]
    public void An_equal_challenger_passes()
    {
        var challenger = ModelEvaluation.EvaluateBySlice(ModelTrainer.Train(ElecData.Spec, Training), Holdout);

        var decision = ValidationGate.Decide(new GateSpec(), LabelKind.Binary, ChampionReport.Value, challenger);

        output.WriteLine(decision.Reasons.Single());
        Assert.True(decision.Passed);
        Assert.Equal(decision.ChampionValue, decision.ChallengerValue);
        Assert.All(decision.Slices, s => Assert.Equal(0, s.Shortfall));
        Assert.Equal(7, decision.Slices.Count(s => s.Judged));
    }

    [Fact]
    public void A_loaded_champion_and_a_freshly_trained_challenger_are_judged_on_one_hold_out()
    {
        var artifact = ModelArtifact.Create(Champion.Value);
        var loaded = ModelArtifact.Load(artifact.Bytes.Span, artifact.Sha256, ElecData.Spec).Model;
        Assert.Null(loaded.Training);
        // A challenger of the latest 4,000 training rows, as a retraining window would hold.
        var challengerModel = ModelTrainer.Train(ElecData.Spec, Training[1_000..]);
        Assert.NotNull(challengerModel.Training);

        var champion = ModelEvaluation.EvaluateBySlice(loaded, Holdout);
        var challenger = ModelEvaluation.EvaluateBySlice(challengerModel, Holdout);
        var decision = ValidationGate.Decide(new GateSpec(), LabelKind.Binary, champion, challenger);

        foreach (var reason in decision.Reasons) output.WriteLine(reason);
        // The loaded champion measures as the model it was saved from.
        Assert.Equal(ChampionReport.Value.Overall, champion.Overall);
        Assert.Equal(ChampionReport.Value.Slices.Keys.Order(), champion.Slices.Keys.Order());
        Assert.Equal(champion.Overall.Accuracy, decision.ChampionValue);
        Assert.Equal(challenger.Overall.Accuracy, decision.ChallengerValue);
        Assert.Equal(7, decision.Slices.Count);
    }

    [Fact]
    public void A_numeric_label_refuses_a_challenger_whose_rmse_is_higher()
    {
        var spec = new CompiledSpec(ElecData.Spec.Spec with
        {
            Label = ElecData.Spec.Spec.Label with { Kind = LabelKind.Numeric },
            Model = ElecData.Spec.Spec.Model with { Trainer = "FastTree" },
        });
        var champion = ModelEvaluation.EvaluateBySlice(ModelTrainer.Train(spec, Training), Holdout);
        var challenger = ModelEvaluation.EvaluateBySlice(ModelTrainer.Train(spec, ShuffledLabels(Training, seed: 5)), Holdout);

        var refused = ValidationGate.Decide(new GateSpec(), LabelKind.Numeric, champion, challenger);
        var blessed = ValidationGate.Decide(new GateSpec(), LabelKind.Numeric, challenger, champion);

        output.WriteLine(refused.Reasons[0]);
        output.WriteLine(blessed.Reasons[0]);
        Assert.False(refused.Passed);
        Assert.StartsWith("overall rmse ", refused.Reasons[0]);
        Assert.Contains("above the champion's", refused.Reasons[0]);
        Assert.True(blessed.Passed, blessed.Reasons[0]);
    }
}
