using StreamMl.Core.Explanations;
using Xunit;

namespace StreamMl.Tests.Explainability;

/// <summary>A naive-Bayes answer is shared out by the Shapley values of its evidence: exactly up to 12 features, by sampling beyond.</summary>
public sealed class EvidenceShapleyTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    public void Up_to_twelve_features_the_values_are_exact(int k)
    {
        var (prior, evidence, players) = Evidence(k, seed: k);
        var phi = new double[k];

        var exact = EvidenceShapley.Add(prior, evidence, players, 1, phi);

        Assert.True(exact);
        var expected = BruteForceShapley.Values(k, known => Game(prior, evidence, known));
        for (var i = 0; i < k; i++) Assert.Equal(expected[i], phi[i], 1e-12);
    }

    [Fact]
    public void Beyond_twelve_features_sampled_values_still_add_up_and_come_close()
    {
        const int k = 15;
        var (prior, evidence, players) = Evidence(k, seed: 3);
        var phi = new double[k];

        var exact = EvidenceShapley.Add(prior, evidence, players, 1, phi);

        Assert.False(exact);
        var total = Game(prior, evidence, (1 << k) - 1) - Game(prior, evidence, 0);
        Assert.Equal(total, phi.Sum(), 1e-12);
        var expected = BruteForceShapley.Values(k, known => Game(prior, evidence, known));
        for (var i = 0; i < k; i++) Assert.True(Math.Abs(expected[i] - phi[i]) < 0.01, $"feature {i}: {phi[i]} sampled, {expected[i]} exact");
    }

    [Fact]
    public void Features_without_evidence_get_nothing()
    {
        var phi = new double[3];
        EvidenceShapley.Add(0.3, [0.0, 1.2, 0.0], [0, 1, 2], 1, phi);
        Assert.Equal(0, phi[0]);
        Assert.Equal(0, phi[2]);
        Assert.Equal(1 / (1 + Math.Exp(-1.5)) - 1 / (1 + Math.Exp(-0.3)), phi[1], 1e-15);
    }

    private static double Game(double prior, double[] evidence, int known)
    {
        var logit = prior;
        for (var i = 0; i < evidence.Length; i++) if ((known & (1 << i)) != 0) logit += evidence[i];
        return 1 / (1 + Math.Exp(-logit));
    }

    private static (double Prior, double[] Evidence, int[] Players) Evidence(int k, int seed)
    {
        var random = new Random(seed);
        return (random.NextDouble() - 0.5, Enumerable.Range(0, k).Select(_ => 2 * random.NextDouble() - 1).ToArray(), Enumerable.Range(0, k).ToArray());
    }
}
