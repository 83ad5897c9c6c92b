using System.Globalization;
using StreamMl.Core.Randomness;

namespace StreamMl.Streams.Generators;

/// <summary>
/// The Agrawal loan functions (Agrawal, Imielinski &amp; Swami, "Database mining: a performance perspective",
/// IEEE TKDE 5(6), 1993), as used by MOA's AgrawalGenerator. Nine attributes of a person:
/// <list type="bullet">
/// <item>salary uniform in [20K, 150K); commission 0 when salary ≥ 75K, else uniform in [10K, 75K);</item>
/// <item>age an integer uniform in 20..80; elevel (education level) uniform in 0..4; car (make) uniform in 1..20;</item>
/// <item>zipcode uniform in 0..8; hvalue (house value) uniform in [k·50K, k·150K) with k = 9 − zipcode;</item>
/// <item>hyears (years the house is owned) an integer uniform in 1..30; loan uniform in [0, 500K).</item>
/// </list>
/// Numeric features: salary, commission, age, hvalue, hyears, loan; categorical: elevel, car, zipcode (as
/// their decimal digits). Label 1 when the person is in the paper's group A under function <c>concept</c>
/// (the paper's functions 1..10 are concepts 0..9; see <see cref="Classify"/>), else 0.
/// Perturbation p (MOA's): after the label is chosen, each numeric value v with range r moves to
/// v + p·r·u, u uniform in [−1, 1), clamped to its range (age and hyears rounded; commission only when
/// non-zero), so the label becomes noisy near the boundaries. Default p = 0.05.
/// </summary>
public sealed class AgrawalGenerator : IStreamGenerator
{
    public const int ConceptCount = 10;
    private static readonly string[] Numerics = ["salary", "commission", "age", "hvalue", "hyears", "loan"];
    private static readonly string[] Categoricals = ["elevel", "car", "zipcode"];
    private static readonly string[] Digits = Enumerable.Range(0, 21).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
    private readonly SeededRandom _random;

    /// <param name="concept">The classification function, 0..9 (the paper's 1..10).</param>
    /// <param name="seed">Seeds the attributes and the perturbation.</param>
    /// <param name="perturbation">In [0, 1]; the fraction of each attribute's range it may be moved by.</param>
    public AgrawalGenerator(int concept, long seed, double perturbation = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(concept, ConceptCount);
        if (!(perturbation is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(perturbation), perturbation, "the perturbation must be in [0, 1]");
        Concept = concept;
        Perturbation = perturbation;
        _random = new SeededRandom(seed);
    }

    /// <summary>Agrawal under a drift schedule (concepts 0..9).</summary>
    public static DriftingStream Drifting(long seed, DriftSchedule schedule, double perturbation = 0.05, int initialConcept = 0) =>
        new((concept, s) => new AgrawalGenerator(concept, s, perturbation), initialConcept, schedule, seed);

    public int Concept { get; }
    public double Perturbation { get; }
    public IReadOnlyList<string> NumericNames => Numerics;
    public IReadOnlyList<string> CategoricalNames => Categoricals;
    public int ClassCount => 2;

    /// <summary>
    /// 1 when the attributes are in group A of function <paramref name="concept"/> (0-based):
    /// <list type="number">
    /// <item>age &lt; 40 ∨ age ≥ 60.</item>
    /// <item>age &lt; 40: 50K ≤ salary ≤ 100K; 40 ≤ age &lt; 60: 75K ≤ salary ≤ 125K; age ≥ 60: 25K ≤ salary ≤ 75K.</item>
    /// <item>age &lt; 40: elevel ∈ {0,1}; 40 ≤ age &lt; 60: elevel ∈ {1,2,3}; age ≥ 60: elevel ∈ {2,3,4}.</item>
    /// <item>age &lt; 40: elevel ∈ {0,1} ? 25K ≤ salary ≤ 75K : 50K ≤ salary ≤ 100K;
    /// 40 ≤ age &lt; 60: elevel ∈ {1,2,3} ? 50K..100K : 75K..125K; age ≥ 60: elevel ∈ {2,3,4} ? 50K..100K : 25K..75K.</item>
    /// <item>age &lt; 40: 50K ≤ salary ≤ 100K ? 100K ≤ loan ≤ 300K : 200K ≤ loan ≤ 400K;
    /// 40 ≤ age &lt; 60: 75K ≤ salary ≤ 125K ? 200K ≤ loan ≤ 400K : 300K ≤ loan ≤ 500K;
    /// age ≥ 60: 25K ≤ salary ≤ 75K ? 300K ≤ loan ≤ 500K : 100K ≤ loan ≤ 300K.</item>
    /// <item>function 2's ranges on salary + commission.</item>
    /// <item>⅔(salary + commission) − loan/5 − 20K &gt; 0.</item>
    /// <item>⅔(salary + commission) − 5K·elevel − 20K &gt; 0.</item>
    /// <item>⅔(salary + commission) − 5K·elevel − loan/5 − 10K &gt; 0.</item>
    /// <item>⅔(salary + commission) − 5K·elevel + equity/5 − 10K &gt; 0, equity = hvalue·max(hyears − 20, 0)/10.</item>
    /// </list>
    /// </summary>
    public static int Classify(int concept, double salary, double commission, double age, int elevel, int car, int zipcode,
        double hvalue, double hyears, double loan)
    {
        _ = car;
        _ = zipcode;
        static bool In(double v, double lo, double hi) => lo <= v && v <= hi;
        var young = age < 40;
        var middle = !young && age < 60;
        var groupA = concept switch
        {
            0 => age < 40 || age >= 60,
            1 => young ? In(salary, 50_000, 100_000) : middle ? In(salary, 75_000, 125_000) : In(salary, 25_000, 75_000),
            2 => young ? elevel is 0 or 1 : middle ? elevel is 1 or 2 or 3 : elevel is 2 or 3 or 4,
            3 => young ? (elevel is 0 or 1 ? In(salary, 25_000, 75_000) : In(salary, 50_000, 100_000))
                : middle ? (elevel is 1 or 2 or 3 ? In(salary, 50_000, 100_000) : In(salary, 75_000, 125_000))
                : (elevel is 2 or 3 or 4 ? In(salary, 50_000, 100_000) : In(salary, 25_000, 75_000)),
            4 => young ? (In(salary, 50_000, 100_000) ? In(loan, 100_000, 300_000) : In(loan, 200_000, 400_000))
                : middle ? (In(salary, 75_000, 125_000) ? In(loan, 200_000, 400_000) : In(loan, 300_000, 500_000))
                : (In(salary, 25_000, 75_000) ? In(loan, 300_000, 500_000) : In(loan, 100_000, 300_000)),
            5 => young ? In(salary + commission, 50_000, 100_000)
                : middle ? In(salary + commission, 75_000, 125_000)
                : In(salary + commission, 25_000, 75_000),
            6 => 2.0 * (salary + commission) / 3 - loan / 5 - 20_000 > 0,
            7 => 2.0 * (salary + commission) / 3 - 5_000 * elevel - 20_000 > 0,
            8 => 2.0 * (salary + commission) / 3 - 5_000 * elevel - loan / 5 - 10_000 > 0,
            9 => 2.0 * (salary + commission) / 3 - 5_000 * elevel + hvalue * Math.Max(hyears - 20, 0) / 10 / 5 - 10_000 > 0,
            _ => throw new ArgumentOutOfRangeException(nameof(concept), concept, "Agrawal has functions 0..9"),
        };
        return groupA ? 1 : 0;
    }

    public GeneratedExample Next()
    {
        var r = _random;
        var salary = r.NextDouble(20_000, 150_000);
        var commission = salary >= 75_000 ? 0 : r.NextDouble(10_000, 75_000);
        double age = 20 + r.NextInt(61);
        var elevel = r.NextInt(5);
        var car = 1 + r.NextInt(20);
        var zipcode = r.NextInt(9);
        var k = 9 - zipcode;
        var hvalue = r.NextDouble(k * 50_000.0, k * 150_000.0);
        double hyears = 1 + r.NextInt(30);
        var loan = r.NextDouble(0, 500_000);
        var label = Classify(Concept, salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan);

        if (Perturbation > 0)
        {
            salary = Perturb(salary, 20_000, 150_000);
            if (commission > 0) commission = Perturb(commission, 10_000, 75_000);
            age = Math.Round(Perturb(age, 20, 80));
            hvalue = Perturb(hvalue, k * 50_000.0, k * 150_000.0);
            hyears = Math.Round(Perturb(hyears, 1, 30));
            loan = Perturb(loan, 0, 500_000);
        }
        return new GeneratedExample([salary, commission, age, hvalue, hyears, loan],
            [Digits[elevel], Digits[car], Digits[zipcode]], label, Concept);
    }

    private double Perturb(double value, double min, double max) =>
        Math.Clamp(value + (max - min) * Perturbation * (2 * _random.NextDouble() - 1), min, max);
}
