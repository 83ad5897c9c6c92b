namespace StreamMl.Core.Drift.Detectors;

/// <summary>ADWIN (adaptive windowing), version ADWIN2 with exponential-histogram buckets.</summary>
/// <remarks>
/// <para>
/// ADWIN keeps a window W of recent values, summarised as buckets: row r holds buckets of 2ʳ values each
/// (their sum and sum of squared deviations), at most M per row; when a row reaches M + 1 its two oldest
/// buckets merge into one of the next row (Chan et al.'s pairwise variance formula), so W of n values takes
/// O(M log n) buckets. Every <c>clock</c> updates, once W holds more than <c>gracePeriod</c> values, each
/// split of W at a bucket boundary into an older part W₀ (n₀ values, mean μ̂₀) and a newer part W₁
/// (n₁, μ̂₁), both of at least <c>minWindowLength</c> values, is tested: the split is significant when
/// |μ̂₀ − μ̂₁| &gt; ε with
/// ε = √(2·m·σ̂²_W·δ′) + (2/3)·m·δ′, m = 1/(n₀ − ℓ + 1) + 1/(n₁ − ℓ + 1), δ′ = ln(2·ln|W| / δ),
/// σ̂²_W the window's variance and ℓ the minimum sub-window length (the Bernstein-type bound of the
/// paper's ADWIN2, as in MOA and River). While some split is significant the oldest bucket is dropped, and
/// the update reports a drift. The window is never cleared: ADWIN adapts its length instead of restarting.
/// </para>
/// <para>
/// Parameters and defaults (River's <c>drift.ADWIN</c>): <c>delta</c> δ = 0.002, <c>clock</c> = 32,
/// <c>maxBuckets</c> M = 5, <c>minWindowLength</c> ℓ = 5, <c>gracePeriod</c> = 10. No warning zone.
/// Updates do not allocate: the buckets live in arrays sized at construction for 64 rows.
/// </para>
/// <para>
/// Reference: A. Bifet, R. Gavaldà, "Learning from time-changing data with adaptive windowing",
/// SIAM International Conference on Data Mining (SDM), 2007, 443–448.
/// </para>
/// </remarks>
public sealed partial class Adwin : IDriftDetector
{
    private const int MaxRows = 64;

    private readonly int _slots;
    private readonly double[] _sums;
    private readonly double[] _squares;
    private readonly int[] _rowCounts = new int[MaxRows];
    private int _rows;
    private long _ticks;
    private double _width;
    private double _total;
    private double _variance;

    public Adwin(double delta = 0.002, int clock = 32, int maxBuckets = 5, int minWindowLength = 5, int gracePeriod = 10)
    {
        Delta = Guard.Probability(delta, nameof(delta));
        Clock = Guard.AtLeast(clock, 1, nameof(clock));
        MaxBuckets = Guard.AtLeast(maxBuckets, 2, nameof(maxBuckets));
        MinWindowLength = Guard.AtLeast(minWindowLength, 1, nameof(minWindowLength));
        GracePeriod = Guard.AtLeast(gracePeriod, 0, nameof(gracePeriod));
        _slots = maxBuckets + 1;
        _sums = new double[MaxRows * _slots];
        _squares = new double[MaxRows * _slots];
    }

    public string Name => "ADWIN";
    public double Delta { get; }
    public int Clock { get; }
    public int MaxBuckets { get; }
    public int MinWindowLength { get; }
    public int GracePeriod { get; }
    public long Updates { get; private set; }
    public bool DriftDetected { get; private set; }
    public bool WarningDetected => false;

    /// <summary>Number of values in the window.</summary>
    public long Width => (long)_width;

    /// <summary>Mean of the window; 0 when empty.</summary>
    public double Estimation => _width > 0 ? _total / _width : 0;

    /// <summary>Population variance of the window; 0 when empty.</summary>
    public double Variance => _width > 0 ? _variance / _width : 0;

    public void Update(double x)
    {
        Updates++;
        Insert(x);
        DriftDetected = ++_ticks % Clock == 0 && _width > GracePeriod && Shrink();
    }

    public void Reset()
    {
        Array.Clear(_sums);
        Array.Clear(_squares);
        Array.Clear(_rowCounts);
        _rows = 0;
        _ticks = 0;
        _width = _total = _variance = 0;
        Updates = 0;
        DriftDetected = false;
    }

    /// <summary>
    /// Drops the values older than the window's most significant split, the point where the change it has just detected
    /// most clearly lies, so that the window holds the new stretch only. ADWIN by itself cuts its window in several steps
    /// after a small change, each check dropping only what is significant then, and fires again on the old change's
    /// remains, sometimes thousands of values later. A caller that takes every firing for a new change calls this after
    /// each one; the detector then fires again only on a change within the new stretch.
    /// </summary>
    public void CutAtChange()
    {
        double n0 = 0, u0 = 0, bestN0 = 0, bestRatio = 0;
        for (var row = _rows - 1; row >= 0; row--)
        {
            var n = Size(row);
            for (var k = 0; k < _rowCounts[row]; k++)
            {
                n0 += n;
                u0 += _sums[row * _slots + k];
                var n1 = _width - n0;
                if (n0 < MinWindowLength || n1 < MinWindowLength) continue;
                var ratio = Math.Abs(u0 / n0 - (_total - u0) / n1) / Epsilon(n0, n1);
                if (ratio > bestRatio) (bestRatio, bestN0) = (ratio, n0);
            }
        }
        for (var dropped = 0.0; _rows > 0 && dropped + Size(_rows - 1) <= bestN0;)
        {
            dropped += Size(_rows - 1);
            DropOldestBucket();
        }
    }

    private static double Size(int row) => Math.ScaleB(1.0, row);

    private void Insert(double x)
    {
        if (_width > 0)
        {
            var d = x - _total / _width;
            _variance += _width * d * d / (_width + 1);
        }
        _width++;
        _total += x;

        if (_rows == 0) _rows = 1;
        Append(0, x, 0);
        for (var row = 0; row < _rows && _rowCounts[row] == _slots; row++)
        {
            // Merge the row's two oldest buckets into one of the next row.
            var i = row * _slots;
            var n = Size(row);
            double s0 = _sums[i], s1 = _sums[i + 1];
            var d = s0 / n - s1 / n;
            var squares = _squares[i] + _squares[i + 1] + n * d * d / 2;
            RemoveOldest(row, 2);
            if (row + 1 == _rows) _rows++;
            Append(row + 1, s0 + s1, squares);
        }
    }

    private void Append(int row, double sum, double squares)
    {
        var i = row * _slots + _rowCounts[row]++;
        _sums[i] = sum;
        _squares[i] = squares;
    }

    private void RemoveOldest(int row, int count)
    {
        var start = row * _slots;
        var remaining = _rowCounts[row] - count;
        Array.Copy(_sums, start + count, _sums, start, remaining);
        Array.Copy(_squares, start + count, _squares, start, remaining);
        _rowCounts[row] = remaining;
    }

    /// <summary>Drops the oldest buckets while some split of the window is significant; true if any was dropped.</summary>
    private bool Shrink()
    {
        var shrunk = false;
        while (HasSignificantSplit())
        {
            DropOldestBucket();
            shrunk = true;
        }
        return shrunk;
    }

    private bool HasSignificantSplit()
    {
        double n0 = 0, u0 = 0;
        for (var row = _rows - 1; row >= 0; row--)
        {
            var n = Size(row);
            var count = _rowCounts[row];
            for (var k = 0; k < count; k++)
            {
                // The newest bucket would leave W₁ empty.
                if (row == 0 && k == count - 1) return false;
                n0 += n;
                u0 += _sums[row * _slots + k];
                var n1 = _width - n0;
                if (n0 >= MinWindowLength && n1 >= MinWindowLength
                    && IsSignificant(n0, n1, u0 / n0 - (_total - u0) / n1))
                    return true;
            }
        }
        return false;
    }

    private bool IsSignificant(double n0, double n1, double meanDifference) => Math.Abs(meanDifference) > Epsilon(n0, n1);

    private double Epsilon(double n0, double n1)
    {
        var logTerm = Math.Log(2 * Math.Log(_width) / Delta);
        var m = 1 / (n0 - MinWindowLength + 1) + 1 / (n1 - MinWindowLength + 1);
        return Math.Sqrt(2 * m * (_variance / _width) * logTerm) + 2.0 / 3.0 * m * logTerm;
    }

    private void DropOldestBucket()
    {
        var row = _rows - 1;
        var i = row * _slots;
        var n = Size(row);
        var sum = _sums[i];
        var squares = _squares[i];
        _width -= n;
        _total -= sum;
        if (_width > 0)
        {
            var d = sum / n - _total / _width;
            _variance -= squares + n * _width * d * d / (n + _width);
            if (_variance < 0) _variance = 0;
        }
        else
        {
            _variance = 0;
        }
        RemoveOldest(row, 1);
        if (_rowCounts[row] == 0) _rows--;
    }
}
