using StreamMl.Core.Learning.Features;

namespace StreamMl.Core.Learning.Bayes;

/// <summary>
/// The per-class statistics of a set of attributes for a binary label: the class weights, a weighted
/// Gaussian per class for each numeric attribute, value counts per class for each categorical one.
/// Naive Bayes predicts from them, and a Hoeffding tree's leaf searches its splits in them.
/// </summary>
/// <remarks>
/// <para>
/// Gaussians use the weighted form of Welford's recurrence and keep each class's minimum and maximum.
/// Missing values (NaN, <see cref="CategoryCodes.Missing"/>) and unseen categories are not counted.
/// </para>
/// <para>
/// Naive Bayes: logit P(1 | x) = ln(w₁ / w₀) + Σ_a [ln p(x_a | 1) − ln p(x_a | 0)]. A numeric attribute adds
/// Gaussian log-densities with each class's sample variance floored at 10⁻⁹ times the attribute's pooled
/// variance (as scikit-learn's <c>var_smoothing</c> floors at 10⁻⁹ of the largest variance), and adds nothing
/// while either class has no value of it or all its values are equal. A categorical value v adds Laplace-smoothed
/// frequencies (n_{v,c} + 1) / (n_c + K + 1), K the values seen, one share kept for values not yet seen.
/// Missing values and unseen categories add nothing.
/// </para>
/// </remarks>
internal sealed class ClassStatistics
{
    /// <summary>Per numeric attribute, for class 0 then class 1: weight, mean, sum of squared deviations, minimum, maximum.</summary>
    public const int PerClass = 5, PerAttribute = 2 * PerClass;

    private const double VarianceSmoothing = 1e-9;

    public ClassStatistics(int[] numericAttributes, int[] categoricalAttributes)
    {
        NumericAttributes = numericAttributes;
        CategoricalAttributes = categoricalAttributes;
        Gaussians = new double[numericAttributes.Length * PerAttribute];
        for (var i = 0; i < Gaussians.Length; i += PerClass)
            (Gaussians[i + 3], Gaussians[i + 4]) = (double.PositiveInfinity, double.NegativeInfinity);
        // Per categorical attribute: the class totals, then two counts per value code.
        Counts = new double[categoricalAttributes.Length][];
        for (var i = 0; i < Counts.Length; i++) Counts[i] = new double[2];
        Distinct = new int[categoricalAttributes.Length];
    }

    private ClassStatistics(int[] numeric, int[] categorical, double[] gaussians, double[][] counts, int[] distinct)
    {
        (NumericAttributes, CategoricalAttributes, Gaussians, Counts, Distinct) = (numeric, categorical, gaussians, counts, distinct);
    }

    /// <summary>Indexes into the numeric input of the attributes observed here.</summary>
    public int[] NumericAttributes { get; }

    /// <summary>Indexes into the category codes of the attributes observed here.</summary>
    public int[] CategoricalAttributes { get; }

    public double[] Gaussians { get; }
    public double[][] Counts { get; }
    public int[] Distinct { get; }
    public double Weight0 { get; set; }
    public double Weight1 { get; set; }
    public double TotalWeight => Weight0 + Weight1;

    /// <summary>The share of positive weight; 0.5 before any.</summary>
    public double Majority => TotalWeight > 0 ? Weight1 / TotalWeight : 0.5;

    public void Update(ReadOnlySpan<double> x, ReadOnlySpan<int> codes, int y, double w)
    {
        if (y == 1) Weight1 += w; else Weight0 += w;
        for (var j = 0; j < NumericAttributes.Length; j++)
        {
            var v = x[NumericAttributes[j]];
            if (double.IsNaN(v)) continue;
            var g = Gaussians.AsSpan(j * PerAttribute + y * PerClass, PerClass);
            var total = g[0] + w;
            var d = v - g[1];
            g[1] += w * d / total;
            g[2] += w * d * (v - g[1]);
            g[0] = total;
            if (v < g[3]) g[3] = v;
            if (v > g[4]) g[4] = v;
        }
        for (var j = 0; j < CategoricalAttributes.Length; j++)
        {
            var code = codes[CategoricalAttributes[j]];
            if (code < 0) continue;
            var counts = Counts[j];
            var at = 2 + 2 * code;
            if (at >= counts.Length) counts = Counts[j] = Grow(counts, at + 2);
            if (counts[at] + counts[at + 1] == 0) Distinct[j]++;
            counts[at + y] += w;
            counts[y] += w;
        }
    }

    /// <summary>P(label = 1 | x) by naive Bayes; 0.5 before any weight, 0 or 1 while only one class has been seen.</summary>
    public double NaiveBayes(ReadOnlySpan<double> x, ReadOnlySpan<int> codes)
    {
        if (Weight1 <= 0) return Weight0 > 0 ? 0 : 0.5;
        if (Weight0 <= 0) return 1;
        var logit = Math.Log(Weight1 / Weight0);
        for (var j = 0; j < NumericAttributes.Length; j++)
        {
            var v = x[NumericAttributes[j]];
            if (!double.IsNaN(v)) logit += NumericEvidence(Gaussians.AsSpan(j * PerAttribute, PerAttribute), v);
        }
        for (var j = 0; j < CategoricalAttributes.Length; j++)
        {
            var code = codes[CategoricalAttributes[j]];
            if (code >= 0) logit += CategoricalEvidence(Counts[j], Distinct[j], code);
        }
        return 1 / (1 + Math.Exp(-logit));
    }

    /// <summary>The log-likelihood ratio that numeric attribute j (an index into <see cref="NumericAttributes"/>) adds for value v; v not NaN.</summary>
    public double NumericEvidenceOf(int j, double v) => NumericEvidence(Gaussians.AsSpan(j * PerAttribute, PerAttribute), v);

    /// <summary>The log-likelihood ratio that categorical attribute j adds for a value code ≥ 0.</summary>
    public double CategoricalEvidenceOf(int j, int code) => CategoricalEvidence(Counts[j], Distinct[j], code);

    /// <summary>Sample variance of a class's Gaussian (weights as frequencies); 0 below a weight of 1.</summary>
    public static double Variance(ReadOnlySpan<double> g) => g[0] > 1 ? g[2] / (g[0] - 1) : 0;

    public long MemoryBytes()
    {
        long bytes = 96 + 8L * Gaussians.Length + 4L * (NumericAttributes.Length + CategoricalAttributes.Length + Distinct.Length);
        foreach (var c in Counts) bytes += 24 + 8L * c.Length;
        return bytes;
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(Weight0);
        writer.Write(Weight1);
        StateFormat.WriteInts(writer, NumericAttributes);
        StateFormat.WriteInts(writer, CategoricalAttributes);
        StateFormat.WriteDoubles(writer, Gaussians);
        foreach (var c in Counts) StateFormat.WriteDoubles(writer, c);
        StateFormat.WriteInts(writer, Distinct);
    }

    /// <summary>Reads statistics written by <see cref="Save"/> over at most the given numbers of attributes.</summary>
    public static ClassStatistics Load(BinaryReader reader, int numeric, int categorical)
    {
        var w0 = StateFormat.Weight(reader.ReadDouble(), "class weight");
        var w1 = StateFormat.Weight(reader.ReadDouble(), "class weight");
        var numericAttributes = StateFormat.ReadInts(reader, numeric, "numeric attribute");
        var categoricalAttributes = StateFormat.ReadInts(reader, categorical, "categorical attribute");
        var gaussians = StateFormat.ReadDoubles(reader);
        if (gaussians.Length != numericAttributes.Length * PerAttribute) throw new InvalidDataException("class statistics: Gaussians do not match the attributes");
        var counts = new double[categoricalAttributes.Length][];
        for (var j = 0; j < counts.Length; j++)
        {
            counts[j] = StateFormat.ReadDoubles(reader);
            if (counts[j].Length < 2 || counts[j].Length % 2 != 0 || counts[j].Length > 2 + 2 * CategoryCodes.Capacity)
                throw new InvalidDataException($"class statistics: {counts[j].Length} category counts");
        }
        var distinct = StateFormat.ReadInts(reader, CategoryCodes.Capacity + 1, "distinct categories");
        if (distinct.Length != categoricalAttributes.Length) throw new InvalidDataException("class statistics: distinct counts do not match the attributes");
        return new ClassStatistics(numericAttributes, categoricalAttributes, gaussians, counts, distinct) { Weight0 = w0, Weight1 = w1 };
    }

    private static double NumericEvidence(ReadOnlySpan<double> g, double v)
    {
        double w0 = g[0], w1 = g[PerClass];
        if (w0 <= 0 || w1 <= 0) return 0;
        double m0 = g[1], m1 = g[PerClass + 1];
        var pooled = (g[2] + g[PerClass + 2] + w0 * w1 / (w0 + w1) * (m1 - m0) * (m1 - m0)) / (w0 + w1);
        if (!(pooled > 1e-290)) return 0;
        var floor = VarianceSmoothing * pooled;
        var s0 = Math.Max(Variance(g), floor);
        var s1 = Math.Max(Variance(g[PerClass..]), floor);
        return -0.5 * Math.Log(s1 / s0) - (v - m1) * (v - m1) / (2 * s1) + (v - m0) * (v - m0) / (2 * s0);
    }

    private static double CategoricalEvidence(double[] counts, int distinct, int code)
    {
        var at = 2 + 2 * code;
        double n0 = 0, n1 = 0;
        if (at < counts.Length) (n0, n1) = (counts[at], counts[at + 1]);
        var k = distinct + 1;
        return Math.Log((n1 + 1) / (counts[1] + k)) - Math.Log((n0 + 1) / (counts[0] + k));
    }

    private static double[] Grow(double[] counts, int needed)
    {
        var grown = new double[Math.Max(needed, Math.Min(2 * counts.Length, 2 + 2 * CategoryCodes.Capacity))];
        counts.CopyTo(grown, 0);
        return grown;
    }
}
