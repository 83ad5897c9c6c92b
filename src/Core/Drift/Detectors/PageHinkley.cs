namespace StreamMl.Core.Drift.Detectors;

/// <summary>Which shifts of the mean <see cref="PageHinkley"/> watches for.</summary>
public enum PageHinkleyMode
{
    /// <summary>Increases and decreases.</summary>
    Both,
    /// <summary>Increases only.</summary>
    Up,
    /// <summary>Decreases only.</summary>
    Down,
}

/// <summary>Page-Hinkley test for a shift in the mean of a numeric stream.</summary>
/// <remarks>
/// <para>
/// With x̄ₜ the running mean of x₁..xₜ, the test keeps the cumulative deviations
/// Uₜ = α·Uₜ₋₁ + (xₜ − x̄ₜ − δ) and Lₜ = α·Lₜ₋₁ + (xₜ − x̄ₜ + δ) (U₀ = L₀ = 0), and their extremes
/// mₜ = min(U₁..Uₜ) and Mₜ = max(L₁..Lₜ). An increase is signalled when Uₜ − mₜ &gt; λ, a decrease when
/// Mₜ − Lₜ &gt; λ, once at least <c>minInstances</c> values have been seen. δ is the magnitude of change
/// tolerated, λ the alarm threshold (in units of x: scale it to the stream), α ≤ 1 a forgetting factor
/// (α = 1 is Page's original cumulative sum). After a drift the test starts over.
/// </para>
/// <para>
/// Parameters and defaults (those of River's <c>drift.PageHinkley</c>): <c>minInstances</c> = 30,
/// <c>delta</c> δ = 0.005, <c>threshold</c> λ = 50, <c>alpha</c> = 1 − 0.0001, <c>mode</c> = <see cref="PageHinkleyMode.Both"/>.
/// No warning zone.
/// </para>
/// <para>Reference: E. S. Page, "Continuous inspection schemes", Biometrika 41(1/2), 1954, 100–115.</para>
/// </remarks>
public sealed class PageHinkley : IDriftDetector
{
    private long _count;
    private double _mean;
    private double _sumIncrease;
    private double _sumDecrease;
    private double _minIncrease;
    private double _maxDecrease;

    public PageHinkley(
        int minInstances = 30,
        double delta = 0.005,
        double threshold = 50,
        double alpha = 1 - 0.0001,
        PageHinkleyMode mode = PageHinkleyMode.Both)
    {
        MinInstances = Guard.AtLeast(minInstances, 1, nameof(minInstances));
        Delta = Guard.NonNegative(delta, nameof(delta));
        Threshold = Guard.Positive(threshold, nameof(threshold));
        Alpha = alpha > 0 && alpha <= 1
            ? alpha
            : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        Mode = Enum.IsDefined(mode)
            ? mode
            : throw new ArgumentOutOfRangeException(nameof(mode), mode, "mode must be Both, Up or Down.");
        ClearStatistics();
    }

    public string Name => "PageHinkley";
    public int MinInstances { get; }
    public double Delta { get; }
    public double Threshold { get; }
    public double Alpha { get; }
    public PageHinkleyMode Mode { get; }
    public long Updates { get; private set; }
    public bool DriftDetected { get; private set; }
    public bool WarningDetected => false;

    public void Update(double x)
    {
        if (DriftDetected) ClearStatistics();
        Updates++;
        _count++;
        _mean += (x - _mean) / _count;
        var deviation = x - _mean;
        _sumIncrease = Alpha * _sumIncrease + deviation - Delta;
        _sumDecrease = Alpha * _sumDecrease + deviation + Delta;
        if (_sumIncrease < _minIncrease) _minIncrease = _sumIncrease;
        if (_sumDecrease > _maxDecrease) _maxDecrease = _sumDecrease;

        DriftDetected = _count >= MinInstances
            && ((Mode != PageHinkleyMode.Down && _sumIncrease - _minIncrease > Threshold)
                || (Mode != PageHinkleyMode.Up && _maxDecrease - _sumDecrease > Threshold));
    }

    public void Reset()
    {
        ClearStatistics();
        Updates = 0;
    }

    private void ClearStatistics()
    {
        DriftDetected = false;
        _count = 0;
        _mean = 0;
        _sumIncrease = 0;
        _sumDecrease = 0;
        _minIncrease = double.PositiveInfinity;
        _maxDecrease = double.NegativeInfinity;
    }
}
