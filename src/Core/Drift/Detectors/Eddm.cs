namespace StreamMl.Core.Drift.Detectors;

/// <summary>Early Drift Detection Method (EDDM) on a stream of prediction errors (1 = error, 0 = correct).</summary>
/// <remarks>
/// <para>
/// Instead of the error rate, EDDM follows the distance (in updates) between consecutive errors: its running
/// mean p′ and standard deviation s′ (divisor: the number of errors). From the <c>minErrors</c>-th error on,
/// it records at every error the largest p′ + 2s′ seen so far, (p′ + 2s′)_max; at a later error whose value
/// is not a new maximum it computes the ratio (p′ + 2s′) / (p′ + 2s′)_max and reports a drift when the ratio
/// falls below β, a warning when it falls below α. (River starts the maximum after <c>minErrors</c> values
/// rather than errors; counting errors, as the paper does, keeps the first maximum from resting on a
/// handful of distances.) Errors coming closer together mean
/// the error rate has gone up. The detector only changes state on errors; after a drift it starts over.
/// Any non-zero input counts as an error.
/// </para>
/// <para>
/// Parameters and defaults: <c>alpha</c> (warning) = 0.95, <c>beta</c> (drift) = 0.9, both in (0, 1] with
/// β ≤ α; <c>minErrors</c> = 30.
/// </para>
/// <para>
/// Reference: M. Baena-García, J. del Campo-Ávila, R. Fidalgo, A. Bifet, R. Gavaldà, R. Morales-Bueno,
/// "Early drift detection method", Fourth International Workshop on Knowledge Discovery from Data Streams, 2006.
/// </para>
/// </remarks>
public sealed class Eddm : IDriftDetector
{
    private long _count;
    private long _errors;
    private long _lastError;
    private double _distanceMean;
    private double _distanceM2;
    private double _maxLevel;

    public Eddm(double alpha = 0.95, double beta = 0.9, int minErrors = 30)
    {
        Alpha = alpha > 0 && alpha <= 1
            ? alpha
            : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        Beta = beta > 0 && beta <= alpha
            ? beta
            : throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be in (0, alpha].");
        MinErrors = Guard.AtLeast(minErrors, 1, nameof(minErrors));
        ClearStatistics();
    }

    public string Name => "EDDM";
    public double Alpha { get; }
    public double Beta { get; }
    public int MinErrors { get; }
    public long Updates { get; private set; }
    public bool DriftDetected { get; private set; }
    public bool WarningDetected { get; private set; }

    public void Update(double x)
    {
        if (DriftDetected) ClearStatistics();
        Updates++;
        _count++;
        if (x == 0) return;

        _errors++;
        // Welford's recurrence on the distances between errors.
        double distance = _count - _lastError;
        var delta = distance - _distanceMean;
        _distanceMean += delta / _errors;
        _distanceM2 += delta * (distance - _distanceMean);
        _lastError = _count;
        if (_errors < MinErrors) return;

        var level = _distanceMean + 2 * Math.Sqrt(_distanceM2 / _errors);
        if (level > _maxLevel)
        {
            _maxLevel = level;
        }
        else if (_errors > MinErrors)
        {
            var ratio = level / _maxLevel;
            DriftDetected = ratio < Beta;
            WarningDetected = !DriftDetected && ratio < Alpha;
        }
    }

    public void Reset()
    {
        ClearStatistics();
        Updates = 0;
    }

    private void ClearStatistics()
    {
        DriftDetected = false;
        WarningDetected = false;
        _count = 0;
        _errors = 0;
        _lastError = 0;
        _distanceMean = 0;
        _distanceM2 = 0;
        _maxLevel = double.NegativeInfinity;
    }
}
