using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Evaluation;
using StreamMl.Core.Spec;
using Xunit;
using static StreamMl.Tests.Learning.LearningStreams;

namespace StreamMl.Tests.Learning;

/// <summary>
/// Every learner of the catalogue, on a stream with missing values, categories and new category values: the same
/// seed and examples give byte-identical states, and a loaded state predicts exactly as the learner it was saved from.
/// </summary>
public class DeterminismTests
{
    public static TheoryData<string, LabelKind> Specs()
    {
        var data = new TheoryData<string, LabelKind>();
        foreach (var name in LearnerCatalog.Names)
            foreach (var kind in new[] { LabelKind.Binary, LabelKind.Numeric })
                if (LearnerCatalog.Supports(name, kind)) data.Add(name, kind);
        data.Add("adaptive-random-forest:labelHistory=2:trees=5", LabelKind.Binary);
        data.Add("leveraging-bagging:labelHistory=1:seed=9", LabelKind.Binary);
        data.Add("linear-sgd:labelHistory=3", LabelKind.Numeric);
        return data;
    }

    internal static LabelledStream Stream(long seed, int n, LabelKind kind)
    {
        var examples = Mixed(seed, n, kind);
        var schema = new LearnerSchema(MixedSchema.NumericFeatures, MixedSchema.CategoricalFeatures, kind);
        return new LabelledStream("mixed", schema, examples.SelectMany(e => e.Numeric).ToArray(),
            examples.SelectMany(e => e.Categorical).ToArray(), examples.Select(e => e.Label).ToArray());
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Two_runs_with_the_same_seed_end_in_byte_identical_states(string spec, LabelKind kind)
    {
        var stream = Stream(3, 12_000, kind);

        var first = PrequentialEvaluation.Run(LearnerCatalog.Create(OnlineLearnerSpec.Parse(spec), stream.Schema), stream, delay: 1);
        var second = PrequentialEvaluation.Run(LearnerCatalog.Create(OnlineLearnerSpec.Parse(spec), stream.Schema), stream, delay: 1);

        Assert.Equal(first.StateSha256, second.StateSha256);
        Assert.Equal(first.Quality, second.Quality);
    }

    [Theory]
    [InlineData("hoeffding-adaptive-tree")]
    [InlineData("adaptive-random-forest")]
    [InlineData("leveraging-bagging")]
    public void Another_seed_gives_another_state(string name)
    {
        var stream = Stream(3, 12_000, LabelKind.Binary);

        var one = PrequentialEvaluation.Run(LearnerCatalog.Create(new OnlineLearnerSpec { Learner = name, Seed = 1 }, stream.Schema), stream, 1);
        var two = PrequentialEvaluation.Run(LearnerCatalog.Create(new OnlineLearnerSpec { Learner = name, Seed = 2 }, stream.Schema), stream, 1);

        Assert.NotEqual(one.StateSha256, two.StateSha256);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void A_loaded_state_predicts_the_next_10000_events_exactly_as_the_saved_learner(string spec, LabelKind kind)
    {
        var stream = Stream(5, 15_000, kind);
        var original = LearnerCatalog.Create(OnlineLearnerSpec.Parse(spec), stream.Schema);
        var history = new RevealedLabels(OnlineLearnerSpec.MaxLabelHistory);
        var revealed = new double[original.LabelHistory];
        for (var t = 0; t < 5_000; t++) Step(original, null, stream, t, history, revealed);

        var blob = original.Save();
        var loaded = OnlineModel.Load(blob, stream.Schema);

        Assert.Equal(blob, loaded.Save());
        for (var t = 5_000; t < 15_000; t++) Step(original, loaded, stream, t, history, revealed);
        Assert.Equal(original.StateSha256(), loaded.StateSha256());
    }

    /// <summary>Scores event t with both models (they must agree to the bit), then both learn it: label delay 1.</summary>
    private static void Step(OnlineModel a, OnlineModel? b, LabelledStream stream, int t, RevealedLabels history, double[] revealed)
    {
        history.CopyTo(revealed);
        var p = a.Predict(stream.Input(t, revealed));
        if (b is not null) Assert.Equal(BitConverter.DoubleToInt64Bits(p), BitConverter.DoubleToInt64Bits(b.Predict(stream.Input(t, revealed))));
        a.Learn(stream.Input(t, revealed), stream.Label(t));
        b?.Learn(stream.Input(t, revealed), stream.Label(t));
        history.Reveal(stream.Label(t));
    }
}
