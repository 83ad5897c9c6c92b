namespace StreamMl.Core.Drift.Detectors;

/// <summary>HDDM_A: drift detection on the mean of a bounded stream with Hoeffding's inequality (A-test).</summary>
/// <remarks>
/// <para>
/// Inputs are taken to lie in [0, 1], typically prediction errors (1 = error, 0 = correct). Let Ẑ be the mean of
/// all n values seen and, for a prefix of the first c values, X̂_c its mean. With the Hoeffding radius
/// ε(k) = √(ln(1/δ_d) / (2k)), the detector keeps as cut point the prefix minimising X̂_c + ε(c) (for
/// increases) and the prefix maximising X̂_c − ε(c) (for decreases): whenever the whole stream's bound
/// Ẑ + ε(n) is at or below the stored prefix's X̂_c + ε(c), the whole stream becomes the new cut point
/// (and symmetrically for decreases). An increase of the mean is accepted at confidence δ when
/// Ẑ − X̂_c ≥ ε_δ with ε_δ = √(m/2 · ln(2/δ)) and m = (n − c)/(c·n), the two-sample Hoeffding bound for
/// the difference of the two means; drift at δ_d, warning at δ_w. The ln(2/δ) follows the authors'
/// reference implementation in MOA (and River). With <c>twoSided</c> the mirror test flags decreases too.
/// After a drift the detector starts over.
/// </para>
/// <para>
/// Parameters and defaults: <c>driftConfidence</c> δ_d = 0.001, <c>warningConfidence</c> δ_w = 0.005
/// (δ_d ≤ δ_w, both in (0, 1)), <c>twoSided</c> = false (increases only).
/// </para>
/// <para>
/// Reference: I. Frías-Blanco, J. del Campo-Ávila, G. Ramos-Jiménez, R. Morales-Bueno, A. Ortiz-Díaz,
/// Y. Caballero-Mota, "Online and non-parametric drift detection methods based on Hoeffding's bounds",
/// IEEE Transactions on Knowledge and Data Engineering 27(3), 2015, 810–823.
/// </para>
/// </remarks>
public sealed class HddmA : IDriftDetector
{
    private readonly double _logInverseDrift;
    private readonly double _logTwiceInverseDrift;
    private readonly double _logTwiceInverseWarning;

    // Whole stream, and the cut points for increases (low) and decreases (high): counts and means.
    private long _n;
    private double _mean;
    private long _lowCount;
    private double _lowMean;
    private long _highCount;
    private double _highMean;

    public HddmA(double driftConfidence = 0.001, double warningConfidence = 0.005, bool twoSided = false)
    {
        DriftConfidence = Guard.Probability(driftConfidence, nameof(driftConfidence));
        WarningConfidence = Guard.Probability(warningConfidence, nameof(warningConfidence));
        if (warningConfidence < driftConfidence)
            throw new ArgumentOutOfRangeException(nameof(warningConfidence), warningConfidence, "warningConfidence must be at least driftConfidence.");
        TwoSided = twoSided;
        _logInverseDrift = Math.Log(1 / driftConfidence);
        _logTwiceInverseDrift = Math.Log(2 / driftConfidence);
        _logTwiceInverseWarning = Math.Log(2 / warningConfidence);
        ClearStatistics();
    }

    public string Name => "HDDM_A";
    public double DriftConfidence { get; }
    public double WarningConfidence { get; }
    public bool TwoSided { get; }
    public long Updates { get; private set; }
    public bool DriftDetected { get; private set; }
    public bool WarningDetected { get; private set; }

    public void Update(double x)
    {
        if (DriftDetected) ClearStatistics();
        Updates++;
        _n++;
        _mean += (x - _mean) / _n;
        if (_n == 1)
        {
            _lowCount = _highCount = 1;
            _lowMean = _highMean = _mean;
        }

        var radius = Radius(_n);
        if (_lowMean + Radius(_lowCount) >= _mean + radius)
        {
            _lowCount = _n;
            _lowMean = _mean;
        }
        if (_highMean - Radius(_highCount) <= _mean - radius)
        {
            _highCount = _n;
            _highMean = _mean;
        }

        var increase = _mean - _lowMean;
        var drift = Exceeds(increase, _lowCount, _logTwiceInverseDrift);
        var warning = !drift && Exceeds(increase, _lowCount, _logTwiceInverseWarning);
        if (TwoSided)
        {
            var decrease = _highMean - _mean;
            if (Exceeds(decrease, _highCount, _logTwiceInverseDrift)) drift = true;
            else if (Exceeds(decrease, _highCount, _logTwiceInverseWarning)) warning = true;
        }
        DriftDetected = drift;
        WarningDetected = warning && !drift;
    }

    public void Reset()
    {
        ClearStatistics();
        Updates = 0;
    }

    private double Radius(long count) => Math.Sqrt(_logInverseDrift / (2.0 * count));

    /// <summary>Whether a difference of means between a prefix of <paramref name="cut"/> values and the whole stream is significant.</summary>
    private bool Exceeds(double difference, long cut, double logTwiceInverse)
    {
        if (cut == _n) return false;
        var m = (double)(_n - cut) / cut / _n;
        return difference >= Math.Sqrt(m / 2 * logTwiceInverse);
    }

    private void ClearStatistics()
    {
        DriftDetected = false;
        WarningDetected = false;
        _n = 0;
        _mean = 0;
        _lowCount = _highCount = 0;
        _lowMean = _highMean = 0;
    }
}
