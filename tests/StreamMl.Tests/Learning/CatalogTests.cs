using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Ensembles;
using StreamMl.Core.Learning.Linear;
using StreamMl.Core.Learning.Trees;
using StreamMl.Core.Spec;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Learning;

public class CatalogTests
{
    [Fact]
    public void The_catalogue_names_every_learner_of_the_issue()
    {
        Assert.Equal(
            ["no-change", "prior", "naive-bayes", "logistic-sgd", "logistic-ftrl", "linear-sgd", "hoeffding-tree",
             "hoeffding-adaptive-tree", "adaptive-random-forest", "leveraging-bagging"],
            LearnerCatalog.Names);
        Assert.True(LearnerCatalog.Supports("linear-sgd", LabelKind.Numeric));
        Assert.False(LearnerCatalog.Supports("hoeffding-tree", LabelKind.Numeric));
        Assert.True(LearnerCatalog.Supports("no-change", LabelKind.Numeric) && LearnerCatalog.Supports("no-change", LabelKind.Binary));
    }

    [Fact]
    public void Defaults_are_the_published_ones()
    {
        Assert.Equal(new HoeffdingTreeOptions { GracePeriod = 200, Delta = 1e-7, TieThreshold = 0.05, SplitPoints = 10 }, new HoeffdingTreeOptions());
        var hat = new HoeffdingAdaptiveTreeOptions();
        Assert.Equal((0.002, 300, 0.05, true), (hat.AdwinDelta, hat.DriftWindowThreshold, hat.SwitchSignificance, hat.Bootstrap));
        var arf = new AdaptiveRandomForestOptions();
        Assert.Equal((10, 6.0, 0, 0.01, 0.001), (arf.Trees, arf.Lambda, arf.MaxFeatures, arf.WarningDelta, arf.DriftDelta));
        Assert.Equal((50, 0.01, 0.05), (arf.Tree.GracePeriod, arf.Tree.Delta, arf.Tree.TieThreshold));
        var lb = new LeveragingBaggingOptions();
        Assert.Equal((10, 6.0, 0.002, 200, 1e-7), (lb.Models, lb.Lambda, lb.AdwinDelta, lb.Tree.GracePeriod, lb.Tree.Delta));
        Assert.Equal((0.01, 0.01, 0.0, 1024), (new SgdOptions().LearningRate, new SgdOptions().InterceptLearningRate, new SgdOptions().L2, new SgdOptions().HashBuckets));
        Assert.Equal((0.05, 1.0, 0.0, 1.0), (new FtrlOptions().Alpha, new FtrlOptions().Beta, new FtrlOptions().L1, new FtrlOptions().L2));
    }

    [Fact]
    public void Hyper_parameters_reach_the_learner()
    {
        var schema = new LearnerSchema(["a", "b", "c", "d", "e", "f", "g"], [], LabelKind.Binary);

        var model = LearnerCatalog.Create(OnlineLearnerSpec.Parse("adaptive-random-forest:trees=3:gracePeriod=80:driftDelta=0.0001"), schema);

        var forest = Assert.IsType<AdaptiveRandomForest>(model.Learner);
        Assert.Equal((3, 80, 0.0001, 0.01), (forest.Options.Trees, forest.Options.Tree.GracePeriod, forest.Options.DriftDelta, forest.Options.Tree.Delta));
        // √7 ≈ 2.65: three features per leaf; √6 ≈ 2.45: two (elec).
        Assert.Equal(3, forest.LeafFeatures);
        Assert.Equal(2, new AdaptiveRandomForest(new LearnerSchema(["a", "b", "c", "d", "e", "f"], [], LabelKind.Binary)).LeafFeatures);
    }

    [Fact]
    public void A_spec_reads_and_writes_its_command_line_form()
    {
        var spec = OnlineLearnerSpec.Parse("leveraging-bagging:models=20:labelHistory=1:seed=7:lambda=3");

        Assert.Equal(("leveraging-bagging", 7L, 1), (spec.Learner, spec.Seed, spec.LabelHistory));
        Assert.Equal(20, spec.HyperParameters["models"]);
        Assert.Equal("leveraging-bagging:lambda=3:models=20:labelHistory=1:seed=7", spec.ToString());
        Assert.Equal(spec.ToString(), OnlineLearnerSpec.Parse(spec.ToString()).ToString());
    }

    [Fact]
    public void A_schema_is_made_from_a_compiled_spec_in_the_layout_of_its_validated_events()
    {
        var spec = new CompiledSpec(Core.Spec.SpecLoader.Load(RepoPaths.Spec("elec2.json")));

        var schema = LearnerSchema.FromSpec(spec);

        Assert.Equal(["period", "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer"], schema.NumericFeatures);
        Assert.Empty(schema.CategoricalFeatures);
        Assert.Equal(LabelKind.Binary, schema.Label);
    }

    [Fact]
    public void Revealed_labels_come_most_recent_first_with_unknown_ones_missing()
    {
        var history = new RevealedLabels(3);
        var into = new double[4];

        history.CopyTo(into);
        Assert.All(into, v => Assert.True(double.IsNaN(v)));
        foreach (var y in new double[] { 1, 0, 0, 1 }) history.Reveal(y);
        history.CopyTo(into);

        Assert.Equal([1, 0, 0, double.NaN], into);
    }
}
