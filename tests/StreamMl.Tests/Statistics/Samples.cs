namespace StreamMl.Tests.Statistics;

/// <summary>Seeded sample generators and reference computations that do not use the code under test.</summary>
internal static class Samples
{
    public static double[] Uniform(int n, int seed, double low, double high)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
    }

    public static double[] Normal(int n, int seed, double mean, double sd)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Box–Muller; 1 - U keeps the logarithm's argument in (0, 1].
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return values;
    }

    public static double[] LogNormal(int n, int seed, double mu, double sigma) =>
        Normal(n, seed, mu, sigma).Select(Math.Exp).ToArray();

    /// <summary>Zipf-distributed ranks 1..distinct with exponent s, by inverse CDF.</summary>
    public static int[] Zipf(int n, int seed, int distinct, double s)
    {
        var cdf = new double[distinct];
        double sum = 0;
        for (var k = 1; k <= distinct; k++) cdf[k - 1] = sum += 1 / Math.Pow(k, s);
        var random = new Random(seed);
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble() * sum;
            var index = Array.BinarySearch(cdf, u);
            result[i] = (index >= 0 ? index : ~index) + 1;
        }
        return result;
    }

    /// <summary>Splits values into <paramref name="parts"/> random, possibly uneven, parts.</summary>
    public static List<List<T>> Partition<T>(IReadOnlyList<T> values, int parts, int seed)
    {
        var random = new Random(seed);
        var result = Enumerable.Range(0, parts).Select(_ => new List<T>()).ToList();
        foreach (var value in values) result[random.Next(parts)].Add(value);
        return result;
    }

    /// <summary>Neumaier-compensated sum.</summary>
    public static double Sum(IEnumerable<double> values)
    {
        double sum = 0, compensation = 0;
        foreach (var v in values)
        {
            var t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + compensation;
    }

    /// <summary>Two-pass mean and sum of squared deviations with compensated sums.</summary>
    public static (double Mean, double M2) TwoPass(IReadOnlyCollection<double> values)
    {
        var mean = Sum(values) / values.Count;
        var m2 = Sum(values.Select(v => (v - mean) * (v - mean)));
        return (mean, m2);
    }

    public static double RelativeError(double actual, double expected) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);
}
