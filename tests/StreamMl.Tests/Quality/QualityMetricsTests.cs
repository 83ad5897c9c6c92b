using System.Text.Json;
using StreamMl.Core.Quality;
using Xunit;

namespace StreamMl.Tests.Quality;

// Expected values: /usr/bin/python3 sklearn_reference.py (scikit-learn 1.2.1, NumPy 1.24.2); predicted class = score >= 0.5.
//   accuracy_score, precision_score, recall_score, f1_score on the predicted classes; roc_auc_score and
//   log_loss(eps=1e-15, labels=[0, 1]) on the scores.
//               accuracy            precision           recall              f1                  roc_auc             log_loss
//   ties        0.5833333333333334  0.5714285714285714  0.6666666666666666  0.6153846153846153  0.7222222222222222  0.6078489006981139
//   mixed       0.75                0.7272727272727273  0.8                 0.761904761904762   0.84                0.467857465524576
//   single      0.6                 1.0                 0.6                 0.7499999999999999  undefined (1 class) 0.6997179455341609
//   negatives   0.75                0.0                 undefined (warns)   0.0                 undefined (1 class) 0.40036743569623084
//   unpredicted 0.5                 undefined (warns)   0.0                 0.0                 0.25                1.0818846123474528
//   perfect     1.0                 1.0                 1.0                 1.0                 1.0                 9.992007221626415e-16
//   worst       0.0                 0.0                 0.0                 0.0                 0.0                 34.53917619362578
// Where scikit-learn warns that a metric is ill-defined (and returns 0 under zero_division=0), the summary says null.
// log_loss clips to [1e-15, 1 - 1e-15] and then takes 1 - p, so a negative scored 1 costs -ln(9.992007221626409e-16), not -ln(1e-15).
//
//   mean_absolute_error, mean_squared_error(squared=False):
//   docs    mae=0.5                rmse=0.6123724356957945
//   perfect mae=0.0                rmse=0.0
//   outlier mae=18.4               rmse=40.252950202438576
//   spread  mae=2.5583333333333336 rmse=3.483114028184167
//
//   many (5,000 distinct scores, 2,494 positives): roc_auc=0.8339142433460416
//   NumPy, 1,000 bins: estimate=0.8339145633478848 bound=0.0002902416717920295
//   NumPy,    10 bins: estimate=0.8306259044052093 bound=0.033438432605371805
public sealed class QualityMetricsTests
{
    [Theory]
    [InlineData("ties", 0.5833333333333334, 0.5714285714285714, 0.6666666666666666, 0.6153846153846153, 0.7222222222222222, 0.6078489006981139)]
    [InlineData("mixed", 0.75, 0.7272727272727273, 0.8, 0.761904761904762, 0.84, 0.467857465524576)]
    [InlineData("single", 0.6, 1.0, 0.6, 0.7499999999999999, null, 0.6997179455341609)]
    [InlineData("negatives", 0.75, 0.0, null, 0.0, null, 0.40036743569623084)]
    [InlineData("unpredicted", 0.5, null, 0.0, 0.0, 0.25, 1.0818846123474528)]
    [InlineData("perfect", 1.0, 1.0, 1.0, 1.0, 1.0, 9.992007221626415e-16)]
    [InlineData("worst", 0.0, 0.0, 0.0, 0.0, 0.0, 34.53917619362578)]
    public void Binary_metrics_match_scikit_learn(string sample, double accuracy, double? precision, double? recall, double f1, double? auc, double logLoss)
    {
        var outcomes = QualitySamples.BinaryOutcomes(sample);

        var exact = QualitySamples.Fed(QualityMetrics.WithExactAuc(), outcomes).Summary();
        var binned = QualitySamples.Fed(QualityMetrics.WithBinnedAuc(), outcomes).Summary();

        Assert.Equal(outcomes.Count, exact.Count);
        QualitySamples.AssertRelative(accuracy, exact.Accuracy, 1e-12, "accuracy");
        QualitySamples.AssertRelative(precision, exact.Precision, 1e-12, "precision");
        QualitySamples.AssertRelative(recall, exact.Recall, 1e-12, "recall");
        QualitySamples.AssertRelative(f1, exact.F1, 1e-12, "F1");
        QualitySamples.AssertRelative(auc, exact.Auc, 1e-12, "AUC");
        QualitySamples.AssertRelative(logLoss, exact.LogLoss, 1e-12, "log-loss");
        Assert.Equal(auc is null ? null : 0.0, exact.AucErrorBound);
        Assert.Null(exact.Mae);
        Assert.Null(exact.Rmse);
        Assert.Equal(0, exact.Unscored);
        // Distinct scores of these cases are at least 0.01 apart, so a bin of 0.001 holds only exact ties,
        // which both count as one half: the binned estimate is exact even where its bound is not 0.
        QualitySamples.AssertRelative(auc, binned.Auc, 1e-12, "binned AUC");
        Assert.Equal(exact with { Auc = null, AucErrorBound = null }, binned with { Auc = null, AucErrorBound = null });
    }

    [Theory]
    [InlineData("docs", 0.5, 0.6123724356957945)]
    [InlineData("perfect", 0.0, 0.0)]
    [InlineData("outlier", 18.4, 40.252950202438576)]
    [InlineData("spread", 2.5583333333333336, 3.483114028184167)]
    public void Regression_metrics_match_scikit_learn(string sample, double mae, double rmse)
    {
        var outcomes = QualitySamples.RegressionOutcomes(sample);

        var summary = QualitySamples.Fed(QualityMetrics.WithBinnedAuc(), outcomes).Summary();

        Assert.Equal(outcomes.Count, summary.Count);
        QualitySamples.AssertRelative(mae, summary.Mae, 1e-12, "MAE");
        QualitySamples.AssertRelative(rmse, summary.Rmse, 1e-12, "RMSE");
        Assert.Null(summary.Accuracy);
        Assert.Null(summary.Precision);
        Assert.Null(summary.Recall);
        Assert.Null(summary.F1);
        Assert.Null(summary.Auc);
        Assert.Null(summary.LogLoss);
    }

    [Fact]
    public void Empty_metrics_define_nothing_and_nan_scores_or_labels_count_only_where_they_can()
    {
        Assert.Equal(new QualitySummary(0, null, null, null, null, null, null, null, null, null, 0), QualityMetrics.WithExactAuc().Summary());

        var metrics = QualityMetrics.WithExactAuc();
        metrics.Add(new Outcome("v1", double.NaN, true, 1)); // predicted class known, score not
        metrics.Add(new Outcome("v1", 0.9, true, double.NaN)); // label not known
        metrics.Add(new Outcome("v1", 0.2, false, 0));
        metrics.Add(new Outcome("v1", double.NaN, null, 3)); // regression without a prediction
        var summary = metrics.Summary();

        Assert.Equal(4, summary.Count);
        Assert.Equal(3, summary.Unscored); // the NaN binary score, the NaN label, the NaN regression score
        Assert.Equal(1.0, summary.Accuracy); // both classified outcomes are right
        Assert.Null(summary.Auc); // the only scored binary outcome is a negative
        Assert.Equal(-Math.Log(0.8), summary.LogLoss!.Value, 15);
        Assert.Null(summary.Mae);
    }

    [Fact]
    public void Merged_metrics_equal_the_metrics_of_the_concatenated_stream()
    {
        var stream = QualitySamples.BinaryOutcomes("mixed")
            .Concat(QualitySamples.BinaryOutcomes("ties"))
            .Concat(QualitySamples.RegressionOutcomes("spread"))
            .Concat(QualitySamples.BinaryOutcomes("worst"))
            .Concat(QualitySamples.RegressionOutcomes("outlier"))
            .ToList();
        var parts = new[] { stream[..7], stream[7..30], stream[30..] };

        foreach (var make in new Func<QualityMetrics>[] { () => QualityMetrics.WithExactAuc(), () => QualityMetrics.WithBinnedAuc() })
        {
            var whole = QualitySamples.Fed(make(), stream);
            var merged = make();
            foreach (var part in parts) merged.Merge(QualitySamples.Fed(make(), part));

            Assert.Equal(whole.Count, merged.Count);
            Assert.Equal(
                (whole.TruePositives, whole.FalsePositives, whole.TrueNegatives, whole.FalseNegatives, whole.Scored, whole.Regressions),
                (merged.TruePositives, merged.FalsePositives, merged.TrueNegatives, merged.FalseNegatives, merged.Scored, merged.Regressions));
            Assert.Equal(whole.Exact, merged.Exact);
            Assert.Equal(whole.Binned, merged.Binned);
            AssertSummariesEqual(whole.Summary(), merged.Summary());
        }
    }

    [Fact]
    public void A_closed_window_folds_into_a_binned_lifetime_but_binned_scores_do_not_fold_into_an_exact_window()
    {
        var first = QualitySamples.BinaryOutcomes("mixed");
        var second = QualitySamples.BinaryOutcomes("ties");
        var lifetime = QualitySamples.Fed(QualityMetrics.WithBinnedAuc(), first);
        var window = QualitySamples.Fed(QualityMetrics.WithExactAuc(), second);

        lifetime.Merge(window);

        var whole = QualitySamples.Fed(QualityMetrics.WithBinnedAuc(), first.Concat(second));
        Assert.Equal(whole.Binned, lifetime.Binned);
        AssertSummariesEqual(whole.Summary(), lifetime.Summary());
        Assert.Throws<InvalidOperationException>(() => window.Merge(lifetime));
        Assert.Equal(second.Count, window.Count); // the refused merge changed nothing
    }

    [Fact]
    public void The_binned_lifetime_auc_of_many_distinct_scores_is_within_its_bound_of_the_exact_value()
    {
        var outcomes = QualitySamples.Many();

        var exact = QualitySamples.Fed(QualityMetrics.WithExactAuc(), outcomes).Summary();
        var binned = QualitySamples.Fed(QualityMetrics.WithBinnedAuc(), outcomes).Summary();

        QualitySamples.AssertRelative(0.8339142433460416, exact.Auc, 1e-12, "exact AUC");
        QualitySamples.AssertRelative(0.8339145633478848, binned.Auc, 1e-12, "binned AUC");
        QualitySamples.AssertRelative(0.0002902416717920295, binned.AucErrorBound, 1e-12, "bound");
        Assert.InRange(Math.Abs(binned.Auc!.Value - 0.8339142433460416), 0, binned.AucErrorBound!.Value);
        // Scores spread evenly over 1,000 bins: the bound is about 1/2 of 1/1,000, a little more where bins are uneven.
        Assert.InRange(binned.AucErrorBound.Value, 0, 0.0005);
        // Coarser bins: a looser bound, still holding.
        var coarse = QualitySamples.Fed(QualityMetrics.WithBinnedAuc(10), outcomes).Summary();
        QualitySamples.AssertRelative(0.8306259044052093, coarse.Auc, 1e-12, "10-bin AUC");
        QualitySamples.AssertRelative(0.033438432605371805, coarse.AucErrorBound, 1e-12, "10-bin bound");
        Assert.InRange(Math.Abs(coarse.Auc!.Value - 0.8339142433460416), 0, coarse.AucErrorBound!.Value);
    }

    [Fact]
    public void Metrics_survive_a_json_round_trip_unchanged()
    {
        var outcomes = QualitySamples.BinaryOutcomes("mixed").Concat(QualitySamples.RegressionOutcomes("spread")).ToList();
        foreach (var metrics in new[] { QualitySamples.Fed(QualityMetrics.WithExactAuc(), outcomes), QualitySamples.Fed(QualityMetrics.WithBinnedAuc(), outcomes) })
        {
            var json = JsonSerializer.Serialize(metrics, QualityJsonContext.Default.QualityMetrics);
            var restored = JsonSerializer.Deserialize(json, QualityJsonContext.Default.QualityMetrics)!;

            Assert.True(metrics.Equals(restored));
            Assert.Equal(json, JsonSerializer.Serialize(restored, QualityJsonContext.Default.QualityMetrics));
            Assert.Equal(metrics.Summary(), restored.Summary());
        }
    }

    private static void AssertSummariesEqual(QualitySummary expected, QualitySummary actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Unscored, actual.Unscored);
        QualitySamples.AssertRelative(expected.Accuracy, actual.Accuracy, 1e-12, "accuracy");
        QualitySamples.AssertRelative(expected.Precision, actual.Precision, 1e-12, "precision");
        QualitySamples.AssertRelative(expected.Recall, actual.Recall, 1e-12, "recall");
        QualitySamples.AssertRelative(expected.F1, actual.F1, 1e-12, "F1");
        QualitySamples.AssertRelative(expected.Auc, actual.Auc, 1e-12, "AUC");
        QualitySamples.AssertRelative(expected.AucErrorBound, actual.AucErrorBound, 1e-12, "AUC bound");
        QualitySamples.AssertRelative(expected.LogLoss, actual.LogLoss, 1e-12, "log-loss");
        QualitySamples.AssertRelative(expected.Mae, actual.Mae, 1e-12, "MAE");
        QualitySamples.AssertRelative(expected.Rmse, actual.Rmse, 1e-12, "RMSE");
    }
}
