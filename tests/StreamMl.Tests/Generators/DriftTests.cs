using StreamMl.Streams.Generators;
using Xunit;

namespace StreamMl.Tests.Generators;

public class DriftTests
{
    [Fact]
    public void An_abrupt_drift_switches_concept_exactly_at_its_position()
    {
        var stream = SeaGenerator.Drifting(seed: 5, new DriftSchedule(new ConceptDrift(1000, 2), new ConceptDrift(1500, 3)), noise: 0);

        var examples = stream.Take(2000).ToList();

        for (var t = 0; t < examples.Count; t++)
        {
            var expected = t < 1000 ? 0 : t < 1500 ? 2 : 3;
            Assert.Equal(expected, examples[t].Concept);
            Assert.Equal(SeaGenerator.Classify(expected, examples[t].Numeric[0], examples[t].Numeric[1]), examples[t].Label);
        }
    }

    [Fact]
    public void The_mixing_probability_follows_the_sigmoid_and_is_one_half_at_the_centre()
    {
        var drift = new ConceptDrift(Position: 5000, Concept: 1, Width: 1000);

        Assert.Equal(0.5, drift.Probability(5000));
        Assert.Equal(1 / (1 + Math.Exp(-2.0)), drift.Probability(5500), 12);
        Assert.True(drift.Probability(0) < 1e-8);
        Assert.True(drift.Probability(10_000) > 1 - 1e-8);
        Assert.Equal(0, new ConceptDrift(10, 1).Probability(9));
        Assert.Equal(1, new ConceptDrift(10, 1).Probability(10));
    }

    [Fact]
    public void At_the_centre_of_a_gradual_drift_half_the_events_come_from_the_new_concept()
    {
        // The event at the centre, over many independently seeded streams: Binomial(n, 0.5).
        const int n = 4000;
        var schedule = new DriftSchedule(new ConceptDrift(50, 1, Width: 200));
        var fromNew = 0;
        for (var seed = 0; seed < n; seed++)
        {
            var stream = SineGenerator.Drifting(seed, schedule);
            var atCentre = stream.Take(51).Last();
            if (atCentre.Concept == 1) fromNew++;
        }
        AssertWithinBinomial(fromNew, n, 0.5);
    }

    [Fact]
    public void Around_the_centre_of_a_very_wide_drift_the_mix_is_even()
    {
        // Width 10^7: over the 20,000 events around the centre p stays within 0.5 ± 0.002.
        const int n = 20_000;
        var stream = StaggerGenerator.Drifting(seed: 3, new DriftSchedule(new ConceptDrift(10_000, 2, Width: 10_000_000)));

        var fromNew = stream.Take(n).Count(e => e.Concept == 2);

        AssertWithinBinomial(fromNew, n, 0.5, slack: 0.002 * n);
    }

    [Fact]
    public void A_gradual_drift_is_mostly_old_before_and_mostly_new_after()
    {
        var stream = SeaGenerator.Drifting(seed: 9, new DriftSchedule(new ConceptDrift(5000, 1, Width: 1000)));
        var concepts = stream.Take(10_000).Select(e => e.Concept).ToArray();

        // Expected strays: Σ_{t<4000} p(t) ≈ 1000/4 · e^-4 ≈ 4.6, and as many old events after 6000.
        Assert.True(concepts[..4000].Count(c => c == 1) < 30);
        Assert.True(concepts[6000..].Count(c => c == 0) < 30);
    }

    [Fact]
    public void Stationary_never_changes_concept()
    {
        var stream = SeaGenerator.Drifting(seed: 1, DriftSchedule.Stationary, initialConcept: 3);
        Assert.All(stream.Take(5000), e => Assert.Equal(3, e.Concept));
    }

    [Fact]
    public void Sequence_moves_through_the_concepts_in_turn()
    {
        var schedule = DriftSchedule.Sequence([100, 200, 300, 400], width: 10, conceptCount: 3, initialConcept: 1);

        Assert.Equal([2, 0, 1, 2], schedule.Drifts.Select(d => d.Concept));
        Assert.All(schedule.Drifts, d => Assert.Equal(10, d.Width));
    }

    [Fact]
    public void Bad_schedules_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DriftSchedule(new ConceptDrift(10, 1), new ConceptDrift(10, 2)));
        Assert.Throws<ArgumentException>(() => new DriftSchedule(new ConceptDrift(-1, 1)));
        Assert.Throws<ArgumentException>(() => new DriftSchedule(new ConceptDrift(5, 1, Width: -3)));
    }

    [Fact]
    public void The_catalog_parses_command_line_drifts()
    {
        var schedule = GeneratorCatalog.Schedule("sea", "1000,2000", 50);

        Assert.Equal([new ConceptDrift(1000, 1, 50), new ConceptDrift(2000, 2, 50)], schedule.Drifts);
        Assert.Empty(GeneratorCatalog.Schedule("sea", null, 0).Drifts);
        Assert.Throws<FormatException>(() => GeneratorCatalog.Schedule("sea", "2000,1000", 0));
        Assert.Throws<FormatException>(() => GeneratorCatalog.Schedule("sea", "x", 0));
        Assert.Throws<ArgumentException>(() => GeneratorCatalog.Create("nope", 1));
    }

    /// <summary>Asserts a count is within 5 standard deviations (plus slack) of Binomial(n, p)'s mean.</summary>
    internal static void AssertWithinBinomial(long count, long n, double p, double slack = 0)
    {
        var mean = n * p;
        var bound = 5 * Math.Sqrt(n * p * (1 - p)) + slack;
        Assert.True(Math.Abs(count - mean) <= bound, $"{count} of {n} is more than {bound:F1} from {mean:F1}");
    }
}
