using StreamMl.Core.Learning;
using StreamMl.Core.Spec;
using StreamMl.Core.Randomness;

namespace StreamMl.Tests.Learning;

/// <summary>One labelled event of a test stream.</summary>
internal sealed record Example(double[] Numeric, string?[] Categorical, double Label)
{
    public LearnerInput Input => new(Numeric, Categorical);
}

/// <summary>Seeded synthetic streams whose answer is known, and a prequential loop that scores each event.</summary>
/// <remarks>
/// Randomness comes from the learners' own generator (xoshiro256** seeded by SplitMix64), which
/// <c>sklearn_reference.py</c> re-implements, so Python draws the very same streams.
/// </remarks>
internal static class LearningStreams
{
    public static readonly LearnerSchema Sea = new(["attrib1", "attrib2", "attrib3"], [], LabelKind.Binary);

    /// <summary>
    /// SEA concepts (Street and Kim, KDD 2001): attrib1..3 uniform on [0, 10], class 1 when
    /// attrib1 + attrib2 ≤ θ, each label flipped with probability <paramref name="noise"/>. θ is
    /// <paramref name="thetas"/>[i] for the i-th block of <paramref name="block"/> events.
    /// </summary>
    public static List<Example> SeaConcepts(long seed, int block, double[] thetas, double noise = 0.1)
    {
        var random = new SeededRandom(seed);
        var examples = new List<Example>(block * thetas.Length);
        foreach (var theta in thetas)
            for (var i = 0; i < block; i++)
            {
                double a1 = 10 * random.NextDouble(), a2 = 10 * random.NextDouble(), a3 = 10 * random.NextDouble();
                var y = a1 + a2 <= theta ? 1 : 0;
                if (random.NextDouble() < noise) y = 1 - y;
                examples.Add(new Example([a1, a2, a3], [], y));
            }
        return examples;
    }

    /// <summary>x uniform on [−2, 2]ᵈ, label 1 with probability σ(b + w·x): a logistic model with known weights.</summary>
    public static List<Example> Logistic(long seed, int n, double intercept, double[] weights)
    {
        var random = new SeededRandom(seed);
        var examples = new List<Example>(n);
        for (var i = 0; i < n; i++)
        {
            var x = new double[weights.Length];
            var score = intercept;
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = 4 * random.NextDouble() - 2;
                score += weights[j] * x[j];
            }
            var y = random.NextDouble() < 1 / (1 + Math.Exp(-score)) ? 1 : 0;
            examples.Add(new Example(x, [], y));
        }
        return examples;
    }

    public static readonly LearnerSchema MixedSchema = new(["x1", "x2", "x3"], ["colour", "size"], LabelKind.Binary);

    /// <summary>
    /// Numeric and categorical features with missing values and a long tail of categories, for exercising every path
    /// of a learner: the label depends on x1, x2 and the colour, and new colour values keep appearing.
    /// </summary>
    public static List<Example> Mixed(long seed, int n, LabelKind label = LabelKind.Binary)
    {
        var random = new SeededRandom(seed);
        string[] sizes = ["s", "m", "l"];
        var examples = new List<Example>(n);
        for (var i = 0; i < n; i++)
        {
            double x1 = random.NextDouble(), x2 = 3 * random.NextDouble() - 1, x3 = random.NextDouble();
            var colour = random.NextDouble() < 0.9 ? "c" + random.NextInt(5) : "rare" + random.NextInt(1000);
            var score = 2 * x1 - x2 + (colour == "c1" ? 1.5 : 0) - 0.5;
            double y = label == LabelKind.Binary ? (random.NextDouble() < 1 / (1 + Math.Exp(-3 * score)) ? 1 : 0) : score + 0.1 * (random.NextDouble() - 0.5);
            if (random.NextDouble() < 0.05) x1 = double.NaN;
            var size = random.NextDouble() < 0.1 ? null : sizes[random.NextInt(3)];
            examples.Add(new Example([x1, x2, x3], [colour, size], y));
        }
        return examples;
    }

    /// <summary>Test then train at label delay 1: 1 where the learner's class was right, 0 where wrong.</summary>
    public static double[] Correct(IOnlineLearner learner, IReadOnlyList<Example> stream)
    {
        var correct = new double[stream.Count];
        for (var t = 0; t < stream.Count; t++)
        {
            var e = stream[t];
            correct[t] = learner.Predict(e.Input) >= 0.5 == (e.Label == 1) ? 1 : 0;
            learner.Learn(e.Input, e.Label);
        }
        return correct;
    }

    /// <summary>Share of ones in [from, to).</summary>
    public static double Mean(double[] values, int from, int to)
    {
        double sum = 0;
        for (var i = from; i < to; i++) sum += values[i];
        return sum / (to - from);
    }
}
