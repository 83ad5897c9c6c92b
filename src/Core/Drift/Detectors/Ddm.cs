namespace StreamMl.Core.Drift.Detectors;

/// <summary>Drift Detection Method (DDM) on a stream of prediction errors (1 = error, 0 = correct).</summary>
/// <remarks>
/// <para>
/// After i values the error rate is pᵢ (the fraction of ones) with binomial standard deviation
/// sᵢ = √(pᵢ(1 − pᵢ)/i). Once more than <c>minInstances</c> values have been seen, the detector records
/// p_min and s_min at the point where pᵢ + sᵢ is smallest, and reports a warning when
/// pᵢ + sᵢ &gt; p_min + w·s_min and a drift when pᵢ + sᵢ &gt; p_min + d·s_min (strict, so a run with no
/// errors, where s_min = 0, does not alarm on the very update that sets the minimum). After a drift it starts over.
/// Any non-zero input counts as an error.
/// </para>
/// <para>
/// Parameters and defaults: <c>warningThreshold</c> w = 2.0, <c>driftThreshold</c> d = 3.0 (d ≥ w),
/// <c>minInstances</c> = 30.
/// </para>
/// <para>
/// Reference: J. Gama, P. Medas, G. Castillo, P. Rodrigues, "Learning with drift detection",
/// SBIA 2004 (Advances in Artificial Intelligence), LNCS 3171, 286–295.
/// </para>
/// </remarks>
public sealed class Ddm : IDriftDetector
{
    private long _count;
    private long _errors;
    private double _pMin;
    private double _sMin;
    private double _psMin;

    public Ddm(double warningThreshold = 2.0, double driftThreshold = 3.0, int minInstances = 30)
    {
        WarningThreshold = Guard.Positive(warningThreshold, nameof(warningThreshold));
        DriftThreshold = Guard.Positive(driftThreshold, nameof(driftThreshold));
        if (driftThreshold < warningThreshold)
            throw new ArgumentOutOfRangeException(nameof(driftThreshold), driftThreshold, "driftThreshold must be at least warningThreshold.");
        MinInstances = Guard.AtLeast(minInstances, 1, nameof(minInstances));
        ClearStatistics();
    }

    public string Name => "DDM";
    public double WarningThreshold { get; }
    public double DriftThreshold { get; }
    public int MinInstances { get; }
    public long Updates { get; private set; }
    public bool DriftDetected { get; private set; }
    public bool WarningDetected { get; private set; }

    public void Update(double x)
    {
        if (DriftDetected) ClearStatistics();
        Updates++;
        _count++;
        if (x != 0) _errors++;
        WarningDetected = false;
        if (_count <= MinInstances) return;

        var p = (double)_errors / _count;
        var s = Math.Sqrt(p * (1 - p) / _count);
        if (p + s <= _psMin)
        {
            _pMin = p;
            _sMin = s;
            _psMin = p + s;
        }

        if (p + s > _pMin + DriftThreshold * _sMin) DriftDetected = true;
        else if (p + s > _pMin + WarningThreshold * _sMin) WarningDetected = true;
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
        _pMin = double.PositiveInfinity;
        _sMin = double.PositiveInfinity;
        _psMin = double.PositiveInfinity;
    }
}
