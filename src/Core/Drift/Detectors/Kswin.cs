namespace StreamMl.Core.Drift.Detectors;

/// <summary>KSWIN: drift detection with a Kolmogorov–Smirnov test over a sliding window.</summary>
/// <remarks>
/// <para>
/// KSWIN keeps the last n values (<c>windowSize</c>). Once the window is full, every update compares the
/// newest r values (<c>statSize</c>), R, with r values W drawn uniformly without replacement from the older
/// n − r, using the two-sample Kolmogorov–Smirnov statistic D = sup |F_R(x) − F_W(x)|. A drift is
/// reported when the p-value of D is at most α; the window then keeps only R and has to fill up again
/// before the next test.
/// </para>
/// <para>
/// The p-value is exact, not asymptotic: both samples have r values, so D is a multiple of 1/r and, for
/// continuous data, P(D ≥ k/r) = 2 Σ_{j ≥ 1, jk ≤ r} (−1)^{j+1} C(2r, r − jk) / C(2r, r)
/// (Gnedenko and Korolyuk, 1951; the reflection principle on lattice paths). The r + 1 values are
/// tabulated at construction. With ties in the data this is conservative (D can only be smaller).
/// Many tests on overlapping windows run per change, so the false-alarm rate per update is well above α.
/// </para>
/// <para>
/// Parameters and defaults (River's <c>drift.KSWIN</c>): <c>alpha</c> α = 0.005 (in (0, 1)),
/// <c>windowSize</c> n = 100, <c>statSize</c> r = 30 (r ≥ 1, 2r ≤ n so the older part can supply r values),
/// <c>seed</c> = 42, the seed of the <see cref="System.Random"/> that draws W; <see cref="Reset"/> reseeds it,
/// so a replay gives the same detections. No warning zone. Updates do not allocate.
/// </para>
/// <para>
/// Reference: C. Raab, M. Heusinger, F.-M. Schleif, "Reactive soft prototype computing for concept drift
/// streams", Neurocomputing 416, 2020, 340–351.
/// </para>
/// </remarks>
public sealed class Kswin : IDriftDetector
{
    private readonly double[] _window;
    private readonly int[] _positions;
    private readonly double[] _older;
    private readonly double[] _recent;
    private readonly double[] _pValues;
    private Random _random;
    private int _oldest;
    private int _filled;

    public Kswin(double alpha = 0.005, int windowSize = 100, int statSize = 30, int seed = 42)
    {
        Alpha = Guard.Probability(alpha, nameof(alpha));
        StatSize = Guard.AtLeast(statSize, 1, nameof(statSize));
        WindowSize = Guard.AtLeast(windowSize, 2 * statSize, nameof(windowSize));
        Seed = seed;
        _window = new double[windowSize];
        _positions = new int[windowSize - statSize];
        _older = new double[statSize];
        _recent = new double[statSize];
        _pValues = ExactPValues(statSize);
        _random = new Random(seed);
        ClearWindow();
    }

    public string Name => "KSWIN";
    public double Alpha { get; }
    public int WindowSize { get; }
    public int StatSize { get; }
    public int Seed { get; }
    public long Updates { get; private set; }
    public bool DriftDetected { get; private set; }
    public bool WarningDetected => false;

    /// <summary>KS statistic of the last test; 0 before the window first fills.</summary>
    public double Statistic { get; private set; }

    /// <summary>p-value of the last test; 1 before the window first fills.</summary>
    public double PValue { get; private set; } = 1;

    public void Update(double x)
    {
        Updates++;
        DriftDetected = false;
        if (_filled < WindowSize)
        {
            _window[(_oldest + _filled++) % WindowSize] = x;
        }
        else
        {
            _window[_oldest] = x;
            _oldest = (_oldest + 1) % WindowSize;
        }
        if (_filled < WindowSize) return;

        // Partial Fisher–Yates: any permutation in _positions stays a valid start.
        var older = WindowSize - StatSize;
        for (var i = 0; i < StatSize; i++)
        {
            var j = _random.Next(i, older);
            (_positions[i], _positions[j]) = (_positions[j], _positions[i]);
            _older[i] = _window[(_oldest + _positions[i]) % WindowSize];
            _recent[i] = _window[(_oldest + older + i) % WindowSize];
        }
        Array.Sort(_older);
        Array.Sort(_recent);

        var steps = MaxStepGap(_older, _recent);
        Statistic = (double)steps / StatSize;
        PValue = _pValues[steps];
        if (PValue > Alpha) return;

        DriftDetected = true;
        // Keep R, the newest r values, as the start of the next window.
        _oldest = (_oldest + older) % WindowSize;
        _filled = StatSize;
    }

    public void Reset()
    {
        ClearWindow();
        _random = new Random(Seed);
        Updates = 0;
        DriftDetected = false;
        Statistic = 0;
        PValue = 1;
    }

    private void ClearWindow()
    {
        Array.Clear(_window);
        for (var i = 0; i < _positions.Length; i++) _positions[i] = i;
        _oldest = 0;
        _filled = 0;
    }

    /// <summary>max |F_a − F_b| of two sorted samples of equal size, in units of 1/size; ties advance together.</summary>
    internal static int MaxStepGap(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0, j = 0, max = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] == x) i++;
            while (j < b.Length && b[j] == x) j++;
            var gap = Math.Abs(i - j);
            if (gap > max) max = gap;
        }
        return max;
    }

    /// <summary>P(D ≥ k/r) for k = 0..r, two samples of r continuous values each.</summary>
    internal static double[] ExactPValues(int r)
    {
        var p = new double[r + 1];
        p[0] = 1;
        for (var k = 1; k <= r; k++)
        {
            double sum = 0;
            for (var j = 1; j * k <= r; j++)
            {
                // C(2r, r − m) / C(2r, r) = Π_{i=1..m} (r − m + i) / (r + i).
                var m = j * k;
                var ratio = 1.0;
                for (var i = 1; i <= m; i++) ratio *= (double)(r - m + i) / (r + i);
                sum += (j % 2 == 1 ? 1 : -1) * ratio;
            }
            p[k] = Math.Clamp(2 * sum, 0, 1);
        }
        return p;
    }
}
