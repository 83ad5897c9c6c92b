using Akka.Actor;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

/// <summary>
/// The ingestion's side of the slice protocol for one ingestion run (<see cref="Source"/>): it numbers each slice's
/// batches and sends them without waiting, so answering events never waits on a slice (one on a dead node, say). It
/// keeps every batch until a checkpoint has found it in the slice's snapshot, and resends what a slice lost. Safe
/// to call from several threads.
/// </summary>
public sealed class SliceRecorder
{
    private const int AttemptsPerCheckpoint = 3;

    private readonly IActorRef _region;
    private readonly TimeSpan _askTimeout;
    private readonly long _maxUnsavedRows;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SliceLog> _slices = new(StringComparer.Ordinal);
    private long _unsavedRows;
    private TaskCompletionSource? _room;

    /// <param name="region">The slices' shard region (or proxy).</param>
    /// <param name="source">This ingestion run's id: a new one per run, so that a slice tells runs apart.</param>
    /// <param name="askTimeout">How long a checkpoint waits for one slice's snapshot.</param>
    /// <param name="maxUnsavedRows">
    /// Observation rows (summed over slices) kept for resending before <see cref="RecordAsync"/> waits for a checkpoint
    /// to make room: the memory bound while slices cannot snapshot (a database outage, a dead node).
    /// </param>
    public SliceRecorder(IActorRef region, string source, TimeSpan askTimeout, long maxUnsavedRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUnsavedRows, 1);
        _region = region;
        Source = source;
        _askTimeout = askTimeout;
        _maxUnsavedRows = maxUnsavedRows;
    }

    public string Source { get; }

    /// <summary>Observation rows sent but not yet in a confirmed snapshot.</summary>
    public long UnsavedRows
    {
        get
        {
            lock (_lock) return _unsavedRows;
        }
    }

    /// <summary>Numbers and sends each slice's batch; waits first while <see cref="UnsavedRows"/> is at its bound.</summary>
    public async ValueTask<SliceReceipt> RecordAsync(IReadOnlyDictionary<string, ObservationBatch> batches, CancellationToken cancellationToken)
    {
        while (WaitForRoom() is { } room) await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        var sequences = new Dictionary<string, long>(batches.Count, StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var (slice, batch) in batches)
            {
                if (!_slices.TryGetValue(slice, out var log)) _slices[slice] = log = new SliceLog();
                var sequence = ++log.Next;
                log.Unsaved.Enqueue((sequence, batch));
                _unsavedRows += batch.Count;
                sequences[slice] = sequence;
                _region.Tell(new RecordObservations(slice, Source, sequence, batch));
            }
        }
        return new SliceReceipt(sequences);
    }

    /// <summary>
    /// Asks every slice named in the receipts for a snapshot holding its batches up to the highest number named, and
    /// resends what a slice is missing; true once every slice confirmed, false when one did not answer or was still
    /// missing batches after a few resends (the next checkpoint tries again).
    /// </summary>
    public async Task<Durability> MakeDurableAsync(IReadOnlyList<SliceReceipt> receipts, CancellationToken cancellationToken)
    {
        var upTo = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var receipt in receipts)
            foreach (var (slice, sequence) in receipt.Sequences)
                if (!upTo.TryGetValue(slice, out var known) || sequence > known) upTo[slice] = sequence;
        var problems = await Task.WhenAll(upTo.Select(s => MakeSliceDurable(s.Key, s.Value, cancellationToken))).ConfigureAwait(false);
        var left = problems.Where(p => p is not null).ToList();
        return left.Count == 0 ? Durability.Done
            : Durability.NotYet($"{left.Count} of {upTo.Count} slices: {string.Join("; ", left.Take(3))}{(left.Count > 3 ? "; …" : "")}");
    }

    /// <summary>Null once the slice confirmed a snapshot with every batch up to <paramref name="upTo"/>; otherwise what went wrong.</summary>
    private async Task<string?> MakeSliceDurable(string slice, long upTo, CancellationToken cancellationToken)
    {
        var applied = 0L;
        for (var attempt = 0; attempt < AttemptsPerCheckpoint; attempt++)
        {
            object answer;
            try
            {
                answer = await _region.Ask<object>(new TakeSnapshot(slice, Source), _askTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // No answer in time (a slice on a dead node, moving) or a failed snapshot (the database is down): not
                // durable yet. The batches stay, and the next checkpoint asks again.
                return $"{slice}: {(e is AskTimeoutException ? $"no answer within {_askTimeout.TotalSeconds:0} s" : e.GetBaseException().Message)}";
            }
            if (answer is not SnapshotTaken taken) return $"{slice}: {(answer is SliceUnavailable ? "restarting after a failure" : answer.GetType().Name)}";
            if (taken.Applied >= upTo)
            {
                Release(slice, upTo);
                return null;
            }
            applied = taken.Applied;
            // Batches released on an earlier confirmation that a failure superseded cannot be resent: skip past them.
            var oldest = OldestKept(slice);
            var resendFrom = oldest < 0 ? upTo + 1 : oldest;
            if (resendFrom > applied + 1) _region.Tell(new SkipBatches(slice, Source, resendFrom - 1));
            Resend(slice, applied, upTo);
        }
        return $"{slice}: has batches up to {applied} of {upTo} after {AttemptsPerCheckpoint} resends (kept from {OldestKept(slice)})";
    }

    /// <summary>Sends again, in order, the batches of a slice after <paramref name="applied"/> up to <paramref name="upTo"/>.</summary>
    private void Resend(string slice, long applied, long upTo)
    {
        lock (_lock)
        {
            if (!_slices.TryGetValue(slice, out var log)) return;
            foreach (var (sequence, batch) in log.Unsaved)
                if (sequence > applied && sequence <= upTo) _region.Tell(new RecordObservations(slice, Source, sequence, batch));
        }
    }

    private long OldestKept(string slice)
    {
        lock (_lock) return _slices.TryGetValue(slice, out var log) && log.Unsaved.TryPeek(out var head) ? head.Sequence : -1;
    }

    /// <summary>Forgets the batches of a slice up to <paramref name="upTo"/>: they are in its snapshot.</summary>
    private void Release(string slice, long upTo)
    {
        TaskCompletionSource? room = null;
        lock (_lock)
        {
            if (!_slices.TryGetValue(slice, out var log)) return;
            while (log.Unsaved.TryPeek(out var head) && head.Sequence <= upTo)
            {
                log.Unsaved.Dequeue();
                _unsavedRows -= head.Batch.Count;
            }
            if (_room is not null && _unsavedRows < _maxUnsavedRows) (room, _room) = (_room, null);
        }
        room?.TrySetResult();
    }

    /// <summary>A task to wait on while the bound is reached; null when there is room.</summary>
    private Task? WaitForRoom()
    {
        lock (_lock)
        {
            if (_unsavedRows < _maxUnsavedRows) return null;
            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _room.Task;
        }
    }

    private sealed class SliceLog
    {
        public long Next;
        public readonly Queue<(long Sequence, ObservationBatch Batch)> Unsaved = new();
    }
}
