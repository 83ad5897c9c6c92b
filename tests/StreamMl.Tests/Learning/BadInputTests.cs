using System.Security.Cryptography;
using System.Text;
using StreamMl.Core.Learning;
using StreamMl.Core.Spec;
using Xunit;
using static StreamMl.Tests.Learning.LearningStreams;

namespace StreamMl.Tests.Learning;

/// <summary>What no learner may do with bad input: learn it silently. It is refused with a message, or handled as documented.</summary>
public class BadInputTests
{
    public static TheoryData<string> Binary() => new(LearnerCatalog.Names.Where(n => LearnerCatalog.Supports(n, LabelKind.Binary)));

    private static OnlineModel Trained(string name, int examples = 2_000, int history = 0)
    {
        var model = LearnerCatalog.Create(new OnlineLearnerSpec { Learner = name, LabelHistory = history }, MixedSchema);
        foreach (var e in Mixed(11, examples)) model.Learn(e.Input, e.Label);
        return model;
    }

    [Theory]
    [MemberData(nameof(Binary))]
    public void An_input_of_the_wrong_shape_is_refused_naming_the_counts(string name)
    {
        var model = Trained(name);

        var numeric = Assert.Throws<ArgumentException>(() => model.Predict(new LearnerInput([0.1, 0.2], ["c1", "s"])));
        var categorical = Assert.Throws<ArgumentException>(() => model.Learn(new LearnerInput([0.1, 0.2, 0.3], ["c1"]), 1));

        Assert.StartsWith("expected 3 numeric features, got 2", numeric.Message);
        Assert.StartsWith("expected 2 categorical features, got 1", categorical.Message);
    }

    [Theory]
    [MemberData(nameof(Binary))]
    public void An_infinite_feature_is_refused_naming_the_feature_and_nothing_is_learnt(string name)
    {
        var model = Trained(name);
        var before = model.StateSha256();

        var error = Assert.Throws<ArgumentException>(() => model.Learn(new LearnerInput([0.1, double.PositiveInfinity, 0.3], ["c1", "s"]), 1));

        Assert.Contains("numeric feature 'x2' is Infinity", error.Message);
        Assert.Equal(before, model.StateSha256());
    }

    [Theory]
    [MemberData(nameof(Binary))]
    public void A_label_outside_the_spec_is_refused_and_nothing_is_learnt(string name)
    {
        var model = Trained(name);
        var before = model.StateSha256();
        double[] x = [0.1, 0.2, 0.3];
        string?[] c = ["c1", "s"];

        foreach (var label in new[] { 2, -1, 0.5, double.NaN, double.PositiveInfinity })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Learn(new LearnerInput(x, c), label));
            Assert.StartsWith("a binary label must be 0 or 1.", error.Message);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Learn(new LearnerInput(x, c), 1, weight: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Learn(new LearnerInput(x, c), 1, weight: double.NaN));
        Assert.Equal(before, model.StateSha256());
    }

    [Fact]
    public void A_numeric_label_must_be_finite()
    {
        var schema = new LearnerSchema(["x"], [], LabelKind.Numeric);
        var model = LearnerCatalog.Create(new OnlineLearnerSpec { Learner = LearnerCatalog.LinearSgd }, schema);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Learn(new LearnerInput([1.0], []), double.NaN));
        model.Learn(new LearnerInput([1.0], []), 1e6);
    }

    [Theory]
    [MemberData(nameof(Binary))]
    public void Missing_values_and_unseen_categories_are_scored_without_changing_the_model(string name)
    {
        var model = Trained(name);
        var before = model.StateSha256();

        // NaN and null are missing values; "violet" and "xxl" were never learnt.
        double[] scores =
        [
            model.Predict(new LearnerInput([double.NaN, double.NaN, double.NaN], [null, null])),
            model.Predict(new LearnerInput([0.5, 0.2, 0.3], ["violet", "xxl"])),
            model.Predict(new LearnerInput([0.5, double.NaN, 0.3], ["c1", null])),
        ];

        Assert.All(scores, p => Assert.InRange(p, 0, 1));
        Assert.Equal(before, model.StateSha256());
    }

    [Theory]
    [MemberData(nameof(Binary))]
    public void Learning_from_missing_values_and_new_categories_keeps_predictions_probabilities(string name)
    {
        var model = Trained(name);

        for (var i = 0; i < 500; i++) model.Learn(new LearnerInput([double.NaN, i % 7 / 7.0, double.NaN], ["new" + i, null]), i % 2);

        Assert.InRange(model.Predict(new LearnerInput([0.5, 0.5, 0.5], ["c1", "m"])), 0, 1);
    }

    [Fact]
    public void A_revealed_label_outside_the_spec_is_refused()
    {
        var model = Trained(LearnerCatalog.HoeffdingTree, history: 2);

        var error = Assert.Throws<ArgumentException>(() => model.Predict(new LearnerInput([0.1, 0.2, 0.3], ["c1", "s"], [1, 2])));

        Assert.StartsWith("revealed label 2 is 2", error.Message);
        // Fewer revealed labels than the history holds: the rest are not known yet, which is no error.
        Assert.InRange(model.Predict(new LearnerInput([0.1, 0.2, 0.3], ["c1", "s"], [1])), 0, 1);
    }

    [Fact]
    public void Unknown_learners_and_hyper_parameters_are_refused_by_name()
    {
        var unknown = Assert.Throws<ArgumentException>(() => LearnerCatalog.Create(new OnlineLearnerSpec { Learner = "random-forest" }, MixedSchema));
        var parameter = Assert.Throws<ArgumentException>(() => new OnlineLearnerSpec
        {
            Learner = LearnerCatalog.HoeffdingTree, HyperParameters = new Dictionary<string, double> { ["gracePeriodd"] = 100 },
        }.Validate());
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => new OnlineLearnerSpec
        {
            Learner = LearnerCatalog.AdaptiveRandomForest, HyperParameters = new Dictionary<string, double> { ["gracePeriod"] = 0 },
        }.Validate());
        var whole = Assert.Throws<ArgumentOutOfRangeException>(() => OnlineLearnerSpec.Parse("leveraging-bagging:models=2.5").Validate());
        var history = Assert.Throws<ArgumentOutOfRangeException>(() => OnlineLearnerSpec.Parse("prior:labelHistory=65").Validate());
        var kind = Assert.Throws<ArgumentException>(() => LearnerCatalog.Create(new OnlineLearnerSpec { Learner = LearnerCatalog.LinearSgd }, MixedSchema));
        var field = Assert.Throws<ArgumentException>(() => new OnlineLearnerSpec
        {
            Learner = LearnerCatalog.Prior, HyperParameters = new Dictionary<string, double> { ["labelHistory"] = 1 },
        }.Validate());

        Assert.StartsWith("learner: unknown learner 'random-forest'; known: no-change, prior, naive-bayes", unknown.Message);
        Assert.StartsWith("hyperParameters.gracePeriodd: hoeffding-tree has no such hyper-parameter; known: delta, gracePeriod, splitPoints, tieThreshold", parameter.Message);
        Assert.StartsWith("hyperParameters.gracePeriod must be at least 1. (adaptive-random-forest)", range.Message);
        Assert.StartsWith("hyperParameters.models of leveraging-bagging must be a whole number, not 2.5", whole.Message);
        Assert.StartsWith("labelHistory must be between 0 and 64", history.Message);
        Assert.StartsWith("learner: linear-sgd cannot learn a binary label", kind.Message);
        Assert.StartsWith("hyperParameters.labelHistory: labelHistory is a field of the learner spec", field.Message);
    }

    [Fact]
    public void A_corrupt_or_truncated_state_is_refused_with_a_reason()
    {
        var blob = Trained(LearnerCatalog.AdaptiveRandomForest).Save();
        var flipped = (byte[])blob.Clone();
        flipped[blob.Length / 2] ^= 0x10;

        Assert.Contains("SHA-256 does not match", Assert.Throws<LearnerStateException>(() => OnlineModel.Load(flipped)).Message);
        Assert.Contains("SHA-256 does not match", Assert.Throws<LearnerStateException>(() => OnlineModel.Load(blob.AsSpan(0, blob.Length - 100))).Message);
        Assert.Contains("too short", Assert.Throws<LearnerStateException>(() => OnlineModel.Load([])).Message);
        Assert.Contains("does not start with \"SMOL\"", Assert.Throws<LearnerStateException>(() => OnlineModel.Load(Encoding.UTF8.GetBytes(new string('x', 100)))).Message);
    }

    [Fact]
    public void A_state_whose_checksum_holds_but_whose_content_does_not_is_refused_too()
    {
        var blob = Trained(LearnerCatalog.HoeffdingTree).Save();
        var content = blob[..^32];

        // Cut short, and padded, each with a fresh checksum: the reader runs out of bytes, or has bytes left over.
        Assert.Contains("cannot be read", Assert.Throws<LearnerStateException>(() => OnlineModel.Load(Sealed(content[..^40]))).Message);
        Assert.Contains("bytes follow the learner state", Assert.Throws<LearnerStateException>(() => OnlineModel.Load(Sealed([.. content, 0, 0, 0]))).Message);
        // Another learner's name in a well-formed header.
        var renamed = Sealed(Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(content).Replace("hoeffding-tree", "hoeffding-xxxx")));
        Assert.Contains("unknown learner 'hoeffding-xxxx'", Assert.Throws<LearnerStateException>(() => OnlineModel.Load(renamed)).Message);
        // A state for other features than the caller's.
        var other = new LearnerSchema(["a", "b", "c"], ["colour", "size"], LabelKind.Binary);
        Assert.Contains("other features", Assert.Throws<LearnerStateException>(() => OnlineModel.Load(blob, other)).Message);
    }

    private static byte[] Sealed(byte[] content) => [.. content, .. SHA256.HashData(content)];
}
