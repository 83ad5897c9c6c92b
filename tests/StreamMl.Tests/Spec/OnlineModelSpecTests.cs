using StreamMl.Core.Learning;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Spec;

/// <summary>
/// The model section of an online stream: a valid online spec loads with its defaults and builds its learner, and each
/// bad value (unknown learner or hyper-parameter, a label the learner cannot learn, a bad drift reaction or checkpoint
/// setting) gives a message naming its field.
/// </summary>
public sealed class OnlineModelSpecTests
{
    private const string Features = """ "features": [{ "name": "x", "kind": "Numeric" }, { "name": "c", "kind": "Categorical" }] """;

    private static PipelineSpec Parse(string model, string label = """{ "name": "y" }""") =>
        SpecLoader.Parse($$"""{ "name": "s", {{Features}}, "label": {{label}}, "model": {{model}} }""");

    private static string Error(string model, string label = """{ "name": "y" }""") =>
        Assert.Throws<SpecException>(() => Parse(model, label)).Message;

    [Fact]
    public void An_online_spec_without_a_trainer_loads_with_the_defaults_and_builds_its_learner()
    {
        var spec = Parse("""{ "kind": "online", "online": { "learner": "hoeffding-tree" } }""");

        Assert.True(spec.Model.IsOnline);
        Assert.Null(spec.Model.Trainer);
        var online = spec.Model.Online!;
        Assert.Equal(("hoeffding-tree", 1L, 0, "nothing", 10_000, 30, 100_000),
            (online.Learner, online.Seed, online.LabelHistory, online.OnDrift, online.CheckpointEveryLabels, online.CheckpointEverySeconds, online.DuplicateWindow));
        Assert.Empty(online.HyperParameters);

        var schema = LearnerSchema.FromSpec(new CompiledSpec(spec));
        var model = LearnerCatalog.Create(online.Learning(), schema);
        Assert.Equal(("hoeffding-tree", 0L), (model.Spec.Learner, model.Updates));
        Assert.Equal(["x"], schema.NumericFeatures);
        Assert.Equal(["c"], schema.CategoricalFeatures);
    }

    [Fact]
    public void Every_online_key_is_read()
    {
        var spec = Parse("""
            { "kind": "online", "trainer": "FastTree",
              "online": { "learner": "leveraging-bagging", "hyperParameters": { "models": 3, "lambda": 4 }, "seed": 9, "labelHistory": 2,
                          "onDrift": "background", "checkpointEveryLabels": 500, "checkpointEverySeconds": 5, "duplicateWindow": 0 } }
            """);

        var online = spec.Model.Online!;
        Assert.Equal(("leveraging-bagging", 9L, 2, "background", 500, 5, 0),
            (online.Learner, online.Seed, online.LabelHistory, online.OnDrift, online.CheckpointEveryLabels, online.CheckpointEverySeconds, online.DuplicateWindow));
        Assert.Equal("FastTree", spec.Model.Trainer);
        var learning = online.Learning();
        Assert.Equal("leveraging-bagging:lambda=4:models=3:labelHistory=2:seed=9", learning.ToString());
        var model = LearnerCatalog.Create(learning, LearnerSchema.FromSpec(new CompiledSpec(spec)));
        Assert.Equal(2, model.LabelHistory);
    }

    [Fact]
    public void A_numeric_label_takes_a_learner_of_numbers()
    {
        var spec = Parse("""{ "kind": "online", "online": { "learner": "linear-sgd", "onDrift": "reset" } }""", """{ "name": "y", "kind": "Numeric" }""");

        Assert.Equal(("linear-sgd", "reset"), (spec.Model.Online!.Learner, spec.Model.Online.OnDrift));
    }

    [Theory]
    [InlineData("""{ "kind": "online", "online": { "learner": "random-forest" } }""", "model.online.learner: unknown learner 'random-forest'; known: no-change, prior")]
    [InlineData("""{ "kind": "online", "online": { "learner": "linear-sgd" } }""", "model.online.learner: linear-sgd cannot learn a binary label")]
    [InlineData("""{ "kind": "online", "online": { "learner": "hoeffding-tree", "hyperParameters": { "depth": 3 } } }""", "model.online.hyperParameters.depth: hoeffding-tree has no such hyper-parameter; known: delta, gracePeriod")]
    [InlineData("""{ "kind": "online", "online": { "learner": "hoeffding-tree", "hyperParameters": { "gracePeriod": 0 } } }""", "model.online.hyperParameters.gracePeriod")]
    [InlineData("""{ "kind": "online", "online": { "learner": "hoeffding-tree", "labelHistory": 65 } }""", "model.online.labelHistory must be between 0 and 64")]
    [InlineData("""{ "kind": "online", "online": { "learner": "hoeffding-tree", "onDrift": "retrain" } }""", "model.online.onDrift: 'retrain' is not one of nothing, reset, background")]
    [InlineData("""{ "kind": "online", "online": { "learner": "hoeffding-tree", "onDrift": "Reset" } }""", "model.online.onDrift: 'Reset' is not one of")]
    [InlineData("""{ "kind": "online", "online": { "learner": "hoeffding-tree", "checkpointEveryLabels": 0 } }""", "model.online.checkpointEveryLabels: 0 is not at least 1")]
    [InlineData("""{ "kind": "online", "online": { "learner": "hoeffding-tree", "checkpointEveryLabels": -10 } }""", "model.online.checkpointEveryLabels: -10 is not at least 1")]
    [InlineData("""{ "kind": "online", "online": { "learner": "hoeffding-tree", "checkpointEverySeconds": 0 } }""", "model.online.checkpointEverySeconds: 0 is not at least 1")]
    [InlineData("""{ "kind": "online", "online": { "learner": "hoeffding-tree", "duplicateWindow": -1 } }""", "model.online.duplicateWindow: -1 is negative")]
    [InlineData("""{ "kind": "online" }""", "model.online: an online model needs its learner (model.online.learner)")]
    [InlineData("""{ "kind": "streaming", "trainer": "FastTree" }""", "model.kind: 'streaming' is not one of batch, online")]
    [InlineData("""{ "kind": "batch" }""", "model.trainer: a batch model needs a trainer")]
    [InlineData("""{ "kind": "online", "trainer": " ", "online": { "learner": "hoeffding-tree" } }""", "model.trainer: must not be empty")]
    public void A_bad_online_model_value_is_named(string model, string message)
    {
        Assert.Contains(message, Error(model));
    }

    [Fact]
    public void An_online_section_without_its_learner_is_refused_when_read()
    {
        Assert.Contains("learner", Error("""{ "kind": "online", "online": { "onDrift": "reset" } }"""));
    }

    [Fact]
    public void An_unknown_key_of_the_online_section_is_named()
    {
        Assert.Contains("checkpointEvery", Error("""{ "kind": "online", "online": { "learner": "prior", "checkpointEvery": 5 } }"""));
    }

    [Fact]
    public void Every_broken_online_rule_is_reported_at_once()
    {
        var message = Error("""
            { "kind": "online", "online": { "learner": "nope", "onDrift": "x", "checkpointEveryLabels": 0, "checkpointEverySeconds": 0, "duplicateWindow": -5 } }
            """);

        foreach (var field in new[] { "model.online.learner", "model.online.onDrift", "model.online.checkpointEveryLabels", "model.online.checkpointEverySeconds", "model.online.duplicateWindow" })
            Assert.Contains(field, message);
    }

    [Fact]
    public void An_online_model_changes_the_spec_hash_and_a_batch_spec_keeps_its_hash_without_a_kind()
    {
        var batch = Parse("""{ "trainer": "FastTree" }""");
        var online = Parse("""{ "kind": "online", "trainer": "FastTree", "online": { "learner": "prior" } }""");
        var otherLearner = Parse("""{ "kind": "online", "trainer": "FastTree", "online": { "learner": "naive-bayes" } }""");

        Assert.NotEqual(SpecLoader.Hash(batch), SpecLoader.Hash(online));
        Assert.NotEqual(SpecLoader.Hash(online), SpecLoader.Hash(otherLearner));
        Assert.DoesNotContain("kind", System.Text.Json.JsonSerializer.Serialize(batch.Model, SpecJsonContext.Default.ModelSpec));
    }
}
