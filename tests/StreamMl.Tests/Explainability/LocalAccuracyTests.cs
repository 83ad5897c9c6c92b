using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Explainability;

/// <summary>For every kind of model, the base value plus the contributions is the model's own raw output, on 1,000 events.</summary>
public sealed class LocalAccuracyTests
{
    private const int Explained = 1000;

    public static TheoryData<string, LabelKind> BatchModels => new()
    {
        { "FastTree", LabelKind.Binary },
        { "LightGbm", LabelKind.Binary },
        { "LbfgsLogisticRegression", LabelKind.Binary },
        { "SdcaLogisticRegression", LabelKind.Binary },
        { "FastTree", LabelKind.Numeric },
        { "LightGbm", LabelKind.Numeric },
        { "Sdca", LabelKind.Numeric },
    };

    [Theory]
    [MemberData(nameof(BatchModels))]
    public void Batch_model_contributions_add_up_to_its_score(string trainer, LabelKind label)
    {
        var spec = ExplanationData.Spec(trainer, label);
        var model = ModelTrainer.Train(spec, ExplanationData.Events(1, 2000, label));
        var events = ExplanationData.Events(2, Explained, label, "test");
        var scores = new ModelScorer(model).Score(events);

        for (var i = 0; i < events.Length; i++)
        {
            var explanation = ServingExplanations.Explain(model, events[i], "v7");
            Assert.Equal(scores[i].Score, explanation.Prediction.Score);
            // ML.NET scores in single precision; the explanation sums in double.
            Assert.Equal(scores[i].Score, explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution), 1e-4 * Math.Max(1, Math.Abs(scores[i].Score)));
            Assert.Equal(5, explanation.Contributions.Count);
            Assert.Equal("v7", explanation.ModelVersion);
        }
    }

    [Theory]
    [InlineData("FastTree")]
    [InlineData("LbfgsLogisticRegression")]
    public void A_model_of_numeric_features_only_explains_elec_predictions_adding_up(string trainer)
    {
        var model = ModelTrainer.Train(Modeling.ElecData.WithModel(trainer), Modeling.ElecData.Range(0, 3000));
        var events = Modeling.ElecData.Range(10_000, Explained);
        var scores = new ModelScorer(model).Score(events);

        for (var i = 0; i < events.Length; i++)
        {
            var explanation = ServingExplanations.Explain(model, events[i], "v1");
            Assert.Equal(scores[i].Score, explanation.OutputValue, 1e-4 * Math.Max(1, Math.Abs(scores[i].Score)));
        }
    }

    [Theory]
    [InlineData("FastTree")]
    [InlineData("LightGbm")]
    public void A_tree_model_explains_the_same_after_its_artifact_is_saved_and_loaded(string trainer)
    {
        var spec = ExplanationData.Spec(trainer);
        var model = ModelTrainer.Train(spec, ExplanationData.Events(1, 2000));
        var artifact = ModelArtifact.Create(model);
        var loaded = ModelArtifact.Load(artifact.Bytes.Span, artifact.Sha256, spec).Model;

        foreach (var e in ExplanationData.Events(3, 50))
        {
            var before = ServingExplanations.Explain(model, e, "v1");
            var after = ServingExplanations.Explain(loaded, e, "v1");
            Assert.Equal(before.BaseValue, after.BaseValue);
            Assert.Equal(before.Contributions, after.Contributions);
        }
    }

    public static TheoryData<string, LabelKind> OnlineModels()
    {
        var data = new TheoryData<string, LabelKind>();
        foreach (var name in LearnerCatalog.Names)
            data.Add(name, LearnerCatalog.Supports(name, LabelKind.Binary) ? LabelKind.Binary : LabelKind.Numeric);
        data.Add("prior", LabelKind.Numeric);
        data.Add("no-change", LabelKind.Numeric);
        data.Add("hoeffding-adaptive-tree:labelHistory=2", LabelKind.Binary);
        data.Add("adaptive-random-forest:labelHistory=1:trees=5", LabelKind.Binary);
        data.Add("logistic-ftrl:labelHistory=2", LabelKind.Binary);
        data.Add("linear-sgd:labelHistory=1", LabelKind.Numeric);
        data.Add("naive-bayes:labelHistory=1", LabelKind.Binary);
        return data;
    }

    [Theory]
    [MemberData(nameof(OnlineModels))]
    public void Online_model_contributions_add_up_to_its_answer(string learner, LabelKind label)
    {
        var model = LearnerCatalog.Create(OnlineLearnerSpec.Parse(learner), ExplanationData.Schema(label));
        var events = ExplanationData.Events(4, 3000 + Explained, label);
        var revealed = new List<double>();
        for (var t = 0; t < events.Length; t++)
        {
            var e = events[t];
            var history = Enumerable.Reverse(revealed).Take(model.LabelHistory).ToArray();
            if (t >= 3000)
            {
                var answer = model.Predict(LearnerInput.Of(e, history));
                var explanation = OnlineExplainer.Explain(model, e, "v3", history);
                var output = explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution);
                Assert.Equal(explanation.OutputValue, output, 1e-12);
                var explained = explanation.Output == ExplanationOutputs.LogOdds ? 1 / (1 + Math.Exp(-output)) : output;
                Assert.Equal(answer, explained, 1e-9);
                Assert.Equal(5 + model.LabelHistory, explanation.Contributions.Count);
                Assert.Equal(model.Updates, explanation.Updates);
            }
            model.Learn(LearnerInput.Of(e, history), e.Label!.Value);
            revealed.Add(e.Label!.Value);
        }
    }

    [Fact]
    public void Every_catalogue_learner_has_an_explanation_method()
    {
        foreach (var name in LearnerCatalog.Names)
        {
            var label = LearnerCatalog.Supports(name, LabelKind.Binary) ? LabelKind.Binary : LabelKind.Numeric;
            var model = LearnerCatalog.Create(new OnlineLearnerSpec { Learner = name }, ExplanationData.Schema(label));
            var e = ExplanationData.Events(5, 1, label)[0];

            var explanation = OnlineExplainer.Explain(model, e, "v1");

            Assert.Contains(explanation.Method, new[] { ExplanationMethods.Linear, ExplanationMethods.TreeShap, ExplanationMethods.NaiveBayesEvidence, ExplanationMethods.Constant });
        }
    }
}
