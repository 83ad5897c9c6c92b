using StreamMl.Streams.Generators;
using Xunit;
using StreamMl.Core.Randomness;

namespace StreamMl.Tests.Generators;

public class GeneratorTests
{
    public static TheoryData<string> Names => [.. GeneratorCatalog.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_same_seed_gives_the_same_stream(string name)
    {
        var schedule = GeneratorCatalog.Schedule(name, "300,600", 100);
        var a = GeneratorCatalog.Create(name, 42, schedule).Take(1000).ToList();
        var b = GeneratorCatalog.Create(name, 42, schedule).Take(1000).ToList();

        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Numeric, b[i].Numeric);
            Assert.Equal(a[i].Categorical, b[i].Categorical);
            Assert.Equal(a[i].Label, b[i].Label);
            Assert.Equal(a[i].Concept, b[i].Concept);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Another_seed_gives_another_stream(string name)
    {
        var a = GeneratorCatalog.Create(name, 1).Take(200).ToList();
        var b = GeneratorCatalog.Create(name, 2).Take(200).ToList();

        var same = a.Zip(b).Count(p => p.Item1.Numeric.SequenceEqual(p.Item2.Numeric) && p.Item1.Categorical.SequenceEqual(p.Item2.Categorical));
        Assert.True(same < 50, $"{same} of 200 examples are equal"); // STAGGER has only 27 distinct examples
    }

    [Fact]
    public void Sea_features_are_in_range_and_labels_follow_theta_without_noise()
    {
        Assert.Equal([8.0, 9, 7, 9.5], Enumerable.Range(0, 4).Select(SeaGenerator.Threshold));
        for (var concept = 0; concept < 4; concept++)
        {
            double theta = concept switch { 0 => 8, 1 => 9, 2 => 7, _ => 9.5 };
            foreach (var e in new SeaGenerator(concept, seed: 7 + concept, noise: 0).Take(5000))
            {
                Assert.All(e.Numeric, x => Assert.InRange(x, 0, 10));
                Assert.Equal(e.Numeric[0] + e.Numeric[1] <= theta ? 1 : 0, e.Label);
                Assert.Equal(concept, e.Concept);
            }
        }
    }

    [Fact]
    public void Sea_flips_about_a_tenth_of_the_labels_by_default()
    {
        const int n = 20_000;
        var flipped = new SeaGenerator(concept: 1, seed: 11).Take(n).Count(e => e.Label != SeaGenerator.Classify(1, e.Numeric[0], e.Numeric[1]));

        DriftTests.AssertWithinBinomial(flipped, n, 0.1);
    }

    [Fact]
    public void Stagger_concepts_match_their_boolean_definitions()
    {
        Func<string, string, string, bool>[] concepts =
        [
            (size, colour, _) => size == "small" && colour == "red",
            (_, colour, shape) => colour == "green" || shape == "circle",
            (size, _, _) => size == "medium" || size == "large",
        ];
        for (var c = 0; c < 3; c++)
        {
            var seen = new HashSet<string>();
            foreach (var e in new StaggerGenerator(c, seed: c).Take(3000))
            {
                var (size, colour, shape) = (e.Categorical[0], e.Categorical[1], e.Categorical[2]);
                Assert.Contains(size, StaggerGenerator.Sizes);
                Assert.Contains(colour, StaggerGenerator.Colours);
                Assert.Contains(shape, StaggerGenerator.Shapes);
                Assert.Equal(concepts[c](size, colour, shape) ? 1 : 0, e.Label);
                seen.Add($"{size}/{colour}/{shape}");
            }
            Assert.Equal(27, seen.Count);
        }
    }

    [Fact]
    public void Sine_concepts_match_their_formulas()
    {
        for (var c = 0; c < 4; c++)
            foreach (var e in new SineGenerator(c, seed: 100 + c).Take(5000))
            {
                var (x1, x2) = (e.Numeric[0], e.Numeric[1]);
                var below = c < 2 ? x2 < Math.Sin(x1) : x2 < 0.5 + 0.3 * Math.Sin(3 * Math.PI * x1);
                var reversed = c % 2 == 1;
                Assert.Equal(below ^ reversed ? 1 : 0, e.Label);
                Assert.InRange(x1, 0, 1);
                Assert.InRange(x2, 0, 1);
            }
        Assert.Equal(0, SineGenerator.Classify(0, 0.5, 0.9)); // sin 0.5 = 0.479
        Assert.Equal(1, SineGenerator.Classify(0, 0.5, 0.4));
        Assert.Equal(1, SineGenerator.Classify(2, 1.0 / 6, 0.79)); // 0.5 + 0.3 sin(π/2) = 0.8
        Assert.Equal(0, SineGenerator.Classify(3, 1.0 / 6, 0.79));
    }

    [Fact]
    public void Sine_can_add_two_irrelevant_features()
    {
        var generator = new SineGenerator(0, seed: 1, noiseFeatures: true);
        Assert.Equal(["x1", "x2", "noise1", "noise2"], generator.NumericNames);
        Assert.All(generator.Take(100), e => Assert.Equal(4, e.Numeric.Length));
    }

    // Rows: salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan.
    private static readonly Dictionary<string, (double, double, double, int, int, int, double, double, double)> Rows = new()
    {
        ["r1"] = (60_000, 20_000, 30, 1, 5, 2, 500_000, 25, 150_000),
        ["r2"] = (110_000, 0, 45, 4, 1, 0, 1_000_000, 10, 350_000),
        ["r3"] = (30_000, 50_000, 65, 0, 20, 8, 80_000, 30, 450_000),
        ["r4"] = (120_000, 0, 35, 2, 3, 4, 400_000, 5, 250_000),
        ["r5"] = (90_000, 0, 50, 3, 7, 5, 300_000, 21, 50_000),
        ["r6"] = (25_000, 20_000, 22, 3, 2, 1, 600_000, 2, 10_000),
        ["r7"] = (20_000, 10_000, 70, 4, 9, 3, 600_000, 30, 0),
        ["r8"] = (20_000, 10_000, 70, 4, 9, 3, 600_000, 20, 0),
    };

    [Theory]
    [InlineData(0, "r1", 1)] [InlineData(0, "r2", 0)] [InlineData(0, "r3", 1)] [InlineData(0, "r7", 1)]
    [InlineData(1, "r1", 1)] [InlineData(1, "r2", 1)] [InlineData(1, "r3", 1)] [InlineData(1, "r4", 0)]
    [InlineData(2, "r1", 1)] [InlineData(2, "r2", 0)] [InlineData(2, "r3", 0)] [InlineData(2, "r4", 0)]
    [InlineData(3, "r1", 1)] [InlineData(3, "r2", 1)] [InlineData(3, "r3", 1)] [InlineData(3, "r4", 0)]
    [InlineData(4, "r1", 1)] [InlineData(4, "r2", 1)] [InlineData(4, "r3", 1)] [InlineData(4, "r4", 1)] [InlineData(4, "r5", 0)]
    [InlineData(5, "r1", 1)] [InlineData(5, "r2", 1)] [InlineData(5, "r3", 0)] [InlineData(5, "r4", 0)] [InlineData(5, "r5", 1)]
    [InlineData(6, "r1", 1)] [InlineData(6, "r2", 0)] [InlineData(6, "r3", 0)] [InlineData(6, "r4", 1)] [InlineData(6, "r5", 1)]
    [InlineData(7, "r1", 1)] [InlineData(7, "r2", 1)] [InlineData(7, "r4", 1)] [InlineData(7, "r6", 0)]
    [InlineData(8, "r1", 1)] [InlineData(8, "r2", 0)] [InlineData(8, "r3", 0)] [InlineData(8, "r6", 1)]
    [InlineData(9, "r1", 1)] [InlineData(9, "r2", 1)] [InlineData(9, "r6", 1)] [InlineData(9, "r7", 1)] [InlineData(9, "r8", 0)]
    public void Agrawal_functions_match_hand_evaluated_rows(int function, string row, int expected)
    {
        var (salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan) = Rows[row];
        Assert.Equal(expected, AgrawalGenerator.Classify(function, salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan));
    }

    [Fact]
    public void Agrawal_without_perturbation_labels_by_its_function_and_keeps_attributes_in_range()
    {
        for (var f = 0; f < 10; f++)
        {
            var labels = new int[2];
            foreach (var e in new AgrawalGenerator(f, seed: f, perturbation: 0).Take(2000))
            {
                var n = e.Numeric;
                var (elevel, car, zipcode) = (int.Parse(e.Categorical[0]), int.Parse(e.Categorical[1]), int.Parse(e.Categorical[2]));
                Assert.Equal(AgrawalGenerator.Classify(f, n[0], n[1], n[2], elevel, car, zipcode, n[3], n[4], n[5]), e.Label);
                Assert.InRange(n[0], 20_000, 150_000);
                Assert.True(n[0] >= 75_000 ? n[1] == 0 : n[1] is >= 10_000 and < 75_000);
                Assert.InRange(n[2], 20, 80);
                Assert.Equal(Math.Round(n[2]), n[2]);
                Assert.InRange(elevel, 0, 4);
                Assert.InRange(car, 1, 20);
                Assert.InRange(zipcode, 0, 8);
                Assert.InRange(n[3], (9 - zipcode) * 50_000.0, (9 - zipcode) * 150_000.0);
                Assert.InRange(n[4], 1, 30);
                Assert.InRange(n[5], 0, 500_000);
                labels[e.Label]++;
            }
            Assert.True(labels[0] > 0 && labels[1] > 0, $"function {f} gives one class only");
        }
    }

    [Fact]
    public void Agrawal_perturbation_moves_values_but_keeps_them_in_range()
    {
        var plain = new AgrawalGenerator(0, seed: 3, perturbation: 0).Take(1).Single();
        var perturbed = new AgrawalGenerator(0, seed: 3, perturbation: 0.05).Take(1000).ToList();

        Assert.NotEqual(plain.Numeric[0], perturbed[0].Numeric[0]);
        Assert.Equal(plain.Label, perturbed[0].Label);
        Assert.All(perturbed, e => Assert.InRange(e.Numeric[2], 20, 80));
    }

    [Fact]
    public void A_stationary_hyperplane_splits_the_classes_evenly()
    {
        const int n = 20_000;
        var generator = new HyperplaneGenerator(0, seed: 8, features: 10, magnitude: 0);
        var before = generator.Weights;

        var positives = generator.Take(n).Count(e => e.Label == 1);

        DriftTests.AssertWithinBinomial(positives, n, 0.5);
        Assert.Equal(before, generator.Weights);
    }

    [Fact]
    public void A_rotating_hyperplane_labels_by_its_current_weights()
    {
        var generator = new HyperplaneGenerator(0, seed: 4, features: 5, magnitude: 0.01, driftFeatures: 3, noise: 0);
        var start = generator.Weights;
        for (var i = 0; i < 2000; i++)
        {
            var w = generator.Weights;
            var e = generator.Next();
            Assert.Equal(e.Numeric.Zip(w, (x, wi) => x * wi).Sum() >= 0.5 * w.Sum() ? 1 : 0, e.Label);
        }
        var end = generator.Weights;
        Assert.NotEqual(start[0], end[0]);
        Assert.Equal(start[3..], end[3..]); // only the first three drift
    }

    [Fact]
    public void Hyperplane_noise_flips_about_five_percent()
    {
        const int n = 20_000;
        var clean = new HyperplaneGenerator(0, seed: 6, magnitude: 0, noise: 0);
        var weights = clean.Weights;
        var noisy = new HyperplaneGenerator(0, seed: 6, magnitude: 0);
        var flipped = noisy.Take(n).Count(e => e.Label != (e.Numeric.Zip(weights, (x, w) => x * w).Sum() >= 0.5 * weights.Sum() ? 1 : 0));

        DriftTests.AssertWithinBinomial(flipped, n, 0.05);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Rbf_labels_are_in_range_and_every_class_occurs(int classes)
    {
        var generator = new RandomRbfGenerator(0, seed: 12, features: 10, classes: classes, centroids: 50, speed: 0.001);
        var counts = new int[classes];
        foreach (var e in generator.Take(10_000))
        {
            Assert.InRange(e.Label, 0, classes - 1);
            Assert.Equal(10, e.Numeric.Length);
            Assert.All(e.Numeric, x => Assert.True(double.IsFinite(x)));
            counts[e.Label]++;
        }
        Assert.All(counts, c => Assert.True(c > 0));
    }

    [Fact]
    public void Rbf_centroids_move_only_with_a_speed()
    {
        var moving = new RandomRbfGenerator(0, seed: 2, speed: 0.01);
        var still = new RandomRbfGenerator(0, seed: 2, speed: 0);
        var start = moving.Centre(0);
        Assert.Equal(start, still.Centre(0));

        moving.Take(500).ToList();
        still.Take(500).ToList();

        Assert.NotEqual(start, moving.Centre(0));
        Assert.All(moving.Centre(0), x => Assert.InRange(x, 0, 1));
        Assert.Equal(start, still.Centre(0));
    }

    [Fact]
    public void Each_concept_of_a_drifting_hyperplane_is_another_hyperplane()
    {
        var stream = HyperplaneGenerator.Drifting(seed: 1, new DriftSchedule(new ConceptDrift(1000, 1)), magnitude: 0, noise: 0);
        var examples = stream.Take(2000).ToList();

        // Fit nothing: just check the two halves disagree with each other's weights somewhere.
        var first = new HyperplaneGenerator(0, SeededRandom.Derive(1, 0), magnitude: 0, noise: 0).Weights;
        var second = new HyperplaneGenerator(1, SeededRandom.Derive(1, 1), magnitude: 0, noise: 0).Weights;
        Assert.NotEqual(first, second);
        Assert.All(examples[..1000], e => Assert.Equal(e.Numeric.Zip(first, (x, w) => x * w).Sum() >= 0.5 * first.Sum() ? 1 : 0, e.Label));
        Assert.All(examples[1000..], e => Assert.Equal(e.Numeric.Zip(second, (x, w) => x * w).Sum() >= 0.5 * second.Sum() ? 1 : 0, e.Label));
    }
}
