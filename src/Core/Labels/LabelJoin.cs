namespace StreamMl.Core.Labels;

/// <summary>
/// Joins labels, which arrive late, to the predictions of their events by event id, within a bounded horizon.
/// Pure and single-threaded: its owner (an actor) serialises the calls. Every operation is O(1) amortised.
/// </summary>
/// <remarks>
/// <para>A prediction waits for its label, and a label that arrives first waits for its prediction, each for
/// at most <see cref="Horizon"/> and each side holding at most <see cref="Capacity"/> entries; when a side is
/// full its oldest entry is evicted first. Whichever of the two arrives second completes the join, so both
/// <see cref="AddPrediction"/> and <see cref="AddLabel"/> can return it.</para>
/// <para>An entry that arrived at <c>t</c> expires once <c>now − t &gt; Horizon</c>. Every call first expires
/// what is due, so a join never reaches past the horizon however rarely <see cref="Expire"/> runs; calling
/// <see cref="Expire"/> on a timer only releases memory and settles the counters sooner. Time never runs
/// backwards here: a <c>now</c> earlier than one seen before counts as that one.</para>
/// <para>Each event id joins at most once: joined ids are remembered for the horizon (at most
/// <see cref="Capacity"/> of them, oldest forgotten first, as 64-bit hashes: see <see cref="JoinedIds"/>), and
/// another label or prediction for one of them is counted as a duplicate and dropped.</para>
/// <para>Waiting predictions are bounded by memory too: while their <see cref="PendingPrediction.EstimatedBytes"/>
/// add up to more than <see cref="MaxPendingBytes"/>, the oldest is evicted, as when the count is over capacity.</para>
/// </remarks>
public sealed class LabelJoin
{
    // Each waiting prediction with its estimated bytes, taken when it arrives: a label, an expiry or an eviction then
    // settles the memory count without reading the prediction's arrays again, long after they left the cache.
    private readonly ArrivalQueue<(PendingPrediction Prediction, long Bytes)> _predictions = new();
    private readonly ArrivalQueue<double> _labels = new();
    private readonly JoinedIds _joined;
    private DateTimeOffset _now = DateTimeOffset.MinValue;
    private long _joinedCount, _unknownLabels, _expiredPredictions, _latePredictionsEvicted, _duplicateLabels, _duplicatePredictions;
    private long _pendingBytes;

    /// <param name="horizon">How long a prediction waits for its label, and a label for its prediction; positive.</param>
    /// <param name="capacity">The most predictions, and separately the most labels, that wait at once; at least 1.</param>
    /// <param name="maxPendingBytes">The most memory waiting predictions may take, by their estimate; unbounded by default.</param>
    public LabelJoin(TimeSpan horizon, int capacity, long maxPendingBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizon, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingBytes, 1);
        Horizon = horizon;
        Capacity = capacity;
        MaxPendingBytes = maxPendingBytes;
        _joined = new JoinedIds(capacity);
    }

    /// <summary>The most memory waiting predictions may take, by their estimate.</summary>
    public long MaxPendingBytes { get; }

    /// <summary>The estimated memory the waiting predictions take now.</summary>
    public long PendingBytes => _pendingBytes;

    /// <summary>How long a prediction waits for its label, and a label for its prediction.</summary>
    public TimeSpan Horizon { get; }

    /// <summary>The most predictions, and separately the most labels, that wait at once.</summary>
    public int Capacity { get; }

    /// <summary>Predictions waiting for their label.</summary>
    public int PendingPredictions => _predictions.Count;

    /// <summary>Labels waiting for their prediction.</summary>
    public int WaitingLabels => _labels.Count;

    /// <summary>Predictions joined with their label.</summary>
    public long Joined => _joinedCount;

    /// <summary>Labels that waited for a prediction that never came: expired, or evicted when too many labels waited.</summary>
    public long UnknownLabels => _unknownLabels;

    /// <summary>
    /// Predictions whose label never came within the horizon, or that were evicted when too many waited. Normal: most
    /// streams label only some events.
    /// </summary>
    public long ExpiredPredictions => _expiredPredictions;

    /// <summary>
    /// Of <see cref="ExpiredPredictions"/>, those evicted for <see cref="Capacity"/> while still inside the horizon: a
    /// label could still have come for them. When this grows, the capacity is too small for the label delay.
    /// </summary>
    public long LatePredictionsEvicted => _latePredictionsEvicted;

    /// <summary>
    /// Labels for an id that was joined within the horizon (dropped), or that replaced a label still waiting for
    /// the same id (the newer label wins).
    /// </summary>
    public long DuplicateLabels => _duplicateLabels;

    /// <summary>
    /// Predictions for an id that was joined within the horizon (dropped), or that replaced a prediction still
    /// waiting for the same id (the newer prediction wins and waits from now on).
    /// </summary>
    public long DuplicatePredictions => _duplicatePredictions;

    /// <summary>All counters at once.</summary>
    public LabelJoinCounters Counters => new(
        _joinedCount, _unknownLabels, _expiredPredictions, _latePredictionsEvicted, _duplicateLabels, _duplicatePredictions);

    /// <summary>Adds a prediction; returns the join when its label was already waiting, else null (the prediction waits).</summary>
    public JoinedLabel? AddPrediction(PendingPrediction prediction, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        Advance(now);
        var id = prediction.Event.Id;
        if (_labels.TryRemove(id, out var label)) return Join(id, prediction, label);
        if (_joined.Contains(id))
        {
            _duplicatePredictions++;
            return null;
        }
        // The prediction goes in as the newest, so the evictions below, oldest first, never reach it while others wait.
        var bytes = prediction.EstimatedBytes();
        if (_predictions.AddOrReplace(id, (prediction, bytes), _now, out var replaced))
        {
            _duplicatePredictions++;
            _pendingBytes -= replaced.Bytes;
        }
        else if (_predictions.Count > Capacity) EvictOldestPrediction();
        _pendingBytes += bytes;
        while (_pendingBytes > MaxPendingBytes && _predictions.Count > 1) EvictOldestPrediction();
        return null;
    }

    /// <summary>
    /// Adds the label of an event; returns the join when its prediction is waiting, else null (the label waits for
    /// its prediction, or is dropped as a duplicate). An id never seen is not an error.
    /// </summary>
    public JoinedLabel? AddLabel(string eventId, double label, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        Advance(now);
        if (_predictions.TryRemove(eventId, out var waiting))
        {
            _pendingBytes -= waiting.Bytes;
            return Join(eventId, waiting.Prediction, label);
        }
        if (_joined.Contains(eventId))
        {
            _duplicateLabels++;
            return null;
        }
        if (_labels.TryRemove(eventId, out _)) _duplicateLabels++;
        else if (_labels.Count >= Capacity)
        {
            _labels.RemoveOldest();
            _unknownLabels++;
        }
        _labels.Add(eventId, label, _now);
        return null;
    }

    /// <summary>
    /// Starts loading into the cache what <see cref="AddPrediction"/> or <see cref="AddLabel"/> for <paramref name="eventId"/>
    /// will read of the remembered joins, without waiting for it. A bucket remembers its joins in a table far larger than
    /// the cache, and each check of an id reads one place in it: prefetched for a whole message's ids before they are
    /// added, those reads overlap. Changes no result.
    /// </summary>
    public void Prefetch(string eventId) => _joined.Prefetch(eventId);

    /// <summary>
    /// Starts loading what forgetting the oldest remembered joins reads, for the next <paramref name="joins"/> joins: a
    /// bucket that remembers as many joins as it may forgets its oldest one at each join (see <see cref="Prefetch"/>).
    /// </summary>
    public void PrefetchForgotten(int joins) => _joined.PrefetchOldest(joins);

    /// <summary>Drops the predictions, labels and remembered joins that are older than the horizon at <paramref name="now"/>.</summary>
    public void Expire(DateTimeOffset now) => Advance(now);

    private void Advance(DateTimeOffset now)
    {
        if (now > _now) _now = now;
        while (_predictions.TryPeekOldest(out _, out var oldest, out var arrived) && IsExpired(arrived))
        {
            _predictions.RemoveOldest();
            _pendingBytes -= oldest.Bytes;
            _expiredPredictions++;
        }
        while (_labels.TryPeekOldest(out _, out _, out var arrived) && IsExpired(arrived))
        {
            _labels.RemoveOldest();
            _unknownLabels++;
        }
        _joined.ForgetArrivedBefore(_now.UtcTicks - Horizon.Ticks);
    }

    private bool IsExpired(DateTimeOffset arrived) => _now - arrived > Horizon;

    private void EvictOldestPrediction()
    {
        _predictions.TryPeekOldest(out _, out var oldest, out _);
        _pendingBytes -= oldest.Bytes;
        _predictions.RemoveOldest();
        _expiredPredictions++;
        // Expiry ran first, so the oldest was still inside the horizon.
        _latePredictionsEvicted++;
    }

    private JoinedLabel Join(string id, PendingPrediction prediction, double label)
    {
        _joined.Add(id, _now);
        _joinedCount++;
        return new JoinedLabel(prediction, label);
    }
}
