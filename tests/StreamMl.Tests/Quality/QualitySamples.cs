using StreamMl.Core.Quality;
using Xunit;

namespace StreamMl.Tests.Quality;

/// <summary>The literal cases of sklearn_reference.py (same names, same values) as outcomes, and comparison helpers.</summary>
internal static class QualitySamples
{
    /// <summary>Binary cases as (labels, probabilities of the positive class); the predicted class is score ≥ 0.5.</summary>
    public static (double[] Labels, double[] Scores) Binary(string name) => name switch
    {
        "ties" => ([1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1], [0.8, 0.8, 0.6, 0.4, 0.4, 0.2, 0.8, 0.6, 0.4, 0.2, 0.6, 0.9]),
        "mixed" => ([1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1],
            [0.93, 0.71, 0.12, 0.55, 0.48, 0.07, 0.62, 0.81, 0.39, 0.88, 0.22, 0.51, 0.76, 0.3, 0.05, 0.44, 0.97, 0.66, 0.15, 0.58]),
        "single" => ([1, 1, 1, 1, 1], [0.9, 0.7, 0.4, 0.6, 0.2]),
        "negatives" => ([0, 0, 0, 0], [0.1, 0.6, 0.3, 0.2]),
        "unpredicted" => ([1, 0, 0, 1], [0.3, 0.2, 0.45, 0.1]),
        "perfect" => ([1, 0, 1, 0, 0, 1], [1.0, 0.0, 1.0, 0.0, 0.0, 1.0]),
        "worst" => ([1, 0, 1, 0], [0.0, 1.0, 0.0, 1.0]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Regression cases as (labels, predictions).</summary>
    public static (double[] Labels, double[] Predictions) Regression(string name) => name switch
    {
        "docs" => ([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]),
        "perfect" => ([1.5, -2, 0, 4.25], [1.5, -2, 0, 4.25]),
        "outlier" => ([1, 2, 3, 4, 100], [1.5, 2.5, 2, 4, 10]),
        "spread" => ([-12.5, 3.75, 0.2, 48, -7.1, 15], [-10, 5, -0.3, 40.5, -9.9, 14.2]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static List<Outcome> BinaryOutcomes(string name, string version = "v1")
    {
        var (labels, scores) = Binary(name);
        return labels.Select((label, i) => new Outcome(version, scores[i], scores[i] >= 0.5, label)).ToList();
    }

    public static List<Outcome> RegressionOutcomes(string name, string version = "v1")
    {
        var (labels, predictions) = Regression(name);
        return labels.Select((label, i) => new Outcome(version, predictions[i], null, label)).ToList();
    }

    /// <summary>
    /// Many distinct scores: s_i = frac(i · 0.6180339887498949), labelled 1 when frac(i · 0.7548776662466927) &lt; s_i,
    /// for i = 1..n (the same floating-point operations as many() in sklearn_reference.py).
    /// </summary>
    public static List<Outcome> Many(int n = 5000)
    {
        var outcomes = new List<Outcome>(n);
        for (var i = 1; i <= n; i++)
        {
            var score = i * 0.6180339887498949 % 1.0;
            var label = i * 0.7548776662466927 % 1.0 < score ? 1.0 : 0.0;
            outcomes.Add(new Outcome("v1", score, score >= 0.5, label));
        }
        return outcomes;
    }

    public static QualityMetrics Fed(QualityMetrics metrics, IEnumerable<Outcome> outcomes)
    {
        foreach (var outcome in outcomes) metrics.Add(outcome);
        return metrics;
    }

    /// <summary>Asserts both are null, or |actual − expected| ≤ tolerance · max(|expected|, tiny).</summary>
    public static void AssertRelative(double? expected, double? actual, double tolerance, string what)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: expected {expected?.ToString("R") ?? "null"}, got {actual?.ToString("R") ?? "null"}");
            return;
        }
        var scale = Math.Max(Math.Abs(expected.Value), 1e-300);
        Assert.True(Math.Abs(actual.Value - expected.Value) <= tolerance * scale,
            $"{what}: expected {expected.Value:R}, got {actual.Value:R} (relative error {Math.Abs(actual.Value - expected.Value) / scale:E2} > {tolerance:E0})");
    }
}
