using Xunit;
using StreamMl.Core.Drift;
using StreamMl.Core.Statistics;
using StreamMl.Tests.Statistics;

namespace StreamMl.Tests.Drift;

public class ProfileComparisonTests
{
    /// <summary>1,000 events: numeric "x" ~ N(mean, 1), categorical "c" cycling over a/b/c, labels and scores as given.</summary>
    private static StatisticsSet Profile(int seed, double mean, double positiveShare)
    {
        var set = StatisticsSet.Create([("x", FeatureKind.Numeric), ("c", FeatureKind.Categorical)]);
        var xs = Samples.Normal(1000, seed, mean, 1);
        for (var i = 0; i < 1000; i++)
        {
            set.Features["x"].AddNumeric(xs[i]);
            set.Features["c"].AddCategory(((char)('a' + i % 3)).ToString());
            var positive = i < positiveShare * 1000;
            set.Labels.Add(positive ? "1" : "0");
            set.Scores.Add(positive ? 0.9 : 0.1, positive);
            set.Events++;
        }
        return set;
    }

    [Fact]
    public void A_label_split_moving_from_50_50_to_70_30_over_1000_events_is_drift()
    {
        // chi2_contingency([[500, 500], [700, 300]], correction=False): chi2=83.33333333333334 p=6.932079668133659e-20
        var results = ProfileComparison.Compare(Profile(1, 0, 0.5), Profile(2, 0, 0.3), DriftSettings.Default);

        var label = Assert.Single(results, r => r.Feature == ProfileComparison.LabelName).Result;
        Assert.Equal(nameof(DriftTestKind.ChiSquared), label.Test);
        DriftSamples.AssertRelative(83.33333333333334, label.Statistic, 1e-12);
        Assert.True(label.Drift);
        Assert.Contains(results, r => r.Feature == ProfileComparison.PredictionName && r.Result.Test == "TwoProportionZ" && r.Result.Drift);
    }

    [Fact]
    public void Every_feature_gets_its_catalogue_tests_in_order_and_unchanged_profiles_show_no_drift()
    {
        var results = ProfileComparison.Compare(Profile(1, 0, 0.5), Profile(2, 0, 0.5), DriftSettings.Default);

        Assert.Equal(
            ["c:ChiSquared", "c:JensenShannon", "c:LInfinity",
             "x:PopulationStabilityIndex", "x:KolmogorovSmirnov", "x:Wasserstein", "x:JensenShannon",
             "label:ChiSquared", "prediction:TwoProportionZ", "prediction:KolmogorovSmirnov"],
            results.Select(r => $"{r.Feature}:{r.Result.Test}"));
        Assert.All(results, r => Assert.False(r.Result.Drift || r.Result.Skipped, $"{r.Feature}:{r.Result.Test} {r.Result.Statistic}"));
    }

    [Fact]
    public void A_numeric_feature_s_tests_read_its_sketches_once_and_find_what_each_test_finds_on_its_own()
    {
        var (reference, current) = (Profile(1, 0, 0.5), Profile(2, 0.2, 0.5));
        var settings = DriftSettings.Default;
        var results = ProfileComparison.Compare(reference, current, settings);

        QuantileSketch r = reference.Features["x"].Sketch!, c = current.Features["x"].Sketch!;
        var alone = new[]
        {
            PopulationStabilityIndex.Test(r, c, settings),
            KolmogorovSmirnov.Test(r, c, settings),
            Wasserstein.Test(r, c, reference.Features["x"].Moments!.StandardDeviation, settings),
            JensenShannon.Test(r, c, settings),
        };
        var level = settings.Alpha / results.Count(x => !x.Result.Skipped);
        // Equal in every figure; a distance's null distribution is an object made anew by each run of its test.
        static DriftTestResult Figures(DriftTestResult result) => result with { Null = null };
        Assert.Equal(alone.Select(a => Figures(a.AtLevel(level))), results.Where(x => x.Feature == "x").Select(x => Figures(x.Result)));
    }

    [Fact]
    public void A_shifted_numeric_feature_drifts_on_every_numeric_test()
    {
        var results = ProfileComparison.Compare(Profile(1, 0, 0.5), Profile(2, 1, 0.5), DriftSettings.Default);
        Assert.All(results.Where(r => r.Feature == "x"), r => Assert.True(r.Result.Drift, r.Result.Test));
        Assert.All(results.Where(r => r.Feature == "c"), r => Assert.False(r.Result.Drift, r.Result.Test));
    }

    [Fact]
    public void Tests_are_skipped_below_the_configured_minimum_sample_size()
    {
        var settings = DriftSettings.Default with { MinimumSampleSize = 1001 };

        var results = ProfileComparison.Compare(Profile(1, 0, 0.5), Profile(2, 3, 0.1), settings);

        Assert.All(results, r =>
        {
            Assert.True(r.Result.Skipped);
            Assert.False(r.Result.Drift);
            Assert.True(double.IsNaN(r.Result.Statistic));
            Assert.Contains("fewer than 1001", r.Result.SkipReason);
        });
        Assert.True(KolmogorovSmirnov.Test(new double[99], new double[500]).Skipped);
        Assert.False(KolmogorovSmirnov.Test(new double[100], new double[500]).Skipped);
    }

    [Fact]
    public void Per_feature_choice_overrides_the_catalogue_and_inapplicable_tests_are_skipped()
    {
        var settings = DriftSettings.Default with
        {
            FeatureTests = new Dictionary<string, IReadOnlyList<DriftTestKind>>
            {
                ["x"] = [DriftTestKind.KolmogorovSmirnov, DriftTestKind.ChiSquared],
            },
        };

        var results = ProfileComparison.Compare(Profile(1, 0, 0.5), Profile(2, 0, 0.5), settings);

        var x = results.Where(r => r.Feature == "x").Select(r => r.Result).ToList();
        Assert.Equal(["KolmogorovSmirnov", "ChiSquared"], x.Select(r => r.Test));
        Assert.False(x[0].Skipped);
        Assert.True(x[1].Skipped);
        Assert.Equal(
            [DriftTestKind.PopulationStabilityIndex, DriftTestKind.KolmogorovSmirnov, DriftTestKind.Wasserstein, DriftTestKind.JensenShannon],
            DriftTestCatalog.For(FeatureKind.Numeric));
    }
}
