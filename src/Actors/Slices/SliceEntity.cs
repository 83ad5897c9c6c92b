using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using StreamMl.Core.Operations;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using StreamMl.Core.Statistics;

namespace StreamMl.Actors.Slices;

/// <summary>
/// One slice of the stream (the global slice or one value of a slice column). It applies each numbered batch of
/// observations, and each batch of late labelled outcomes, in memory; durability comes from checkpoints: on
/// <see cref="TakeSnapshot"/> (and before it stops) it stores its whole state, with how far each ingestion source's
/// batches got, as a snapshot. The ingestion stores Kafka offsets only once every slice it fed confirmed a snapshot
/// holding its batches, and resends what a slice lost (to a crash, a restart, a dead node) meanwhile. Journaling
/// every batch instead would put a database round trip on every batch of the hot path.
/// </summary>
public sealed class SliceEntity : ReceivePersistentActor
{
    public const string PersistencePrefix = "slice|";

    private readonly string _sliceId;
    private readonly CompiledSpec _spec;
    private readonly Func<string?, StatisticsSet?>? _modelReference;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private List<(IActorRef Requester, string Source)> _waiting = [];
    private List<(IActorRef Requester, string Source)> _inSave = [];
    private BatchProgress? _savedProgress;
    private bool _saving;
    private SliceState _state;
    private bool _opened;
    private bool _dirty;
    private bool _stopping;
    /// <summary>A snapshot saved at this sequence number or below might be overwritten by a late, stale write.</summary>
    private long _unsafeSequenceNr;
    private long _saveStarted;

    public SliceEntity(string sliceId, CompiledSpec spec, Func<string?, StatisticsSet?>? modelReference = null)
    {
        _sliceId = sliceId;
        _spec = spec;
        _modelReference = modelReference;
        _state = SliceState.Empty(sliceId, spec);

        Recover<SnapshotOffer>(offer => _state = ((SliceSnapshot)offer.Snapshot).State);
        Recover<SliceOpened>(_ => _opened = true);
        Recover<SliceDriftSignalled>(e => _state.Drift.Apply(e.Signal));
        Recover<SliceDriftRecorded>(e =>
        {
            foreach (var signal in e.Signals) _state.Drift.Apply(signal);
        });
        Recover<SliceFenced>(_ => { });
        // An earlier incarnation (a crash, a restart after a database failure) may have a snapshot save still under way.
        Recover<RecoveryCompleted>(_ =>
        {
            _unsafeSequenceNr = LastSequenceNr;
            Context.System.EventStream.Publish(new SliceRecovered(_sliceId));
        });

        Command<RecordObservations>(Record);
        Command<RecordOutcomes>(command => Recorded(_state.RecordOutcomes(command.Outcomes, _spec)));
        Command<GetSliceStatistics>(_ => Sender.Tell(new SliceStatisticsReply(_sliceId, SliceSummary.From(_state))));
        Command<WakeSlice>(_ => Sender.Tell(new SliceAwake(_sliceId, _state.Lifetime.Events)));
        Command<TakeSnapshot>(command => Checkpoint(Sender, command.Source));
        Command<SkipBatches>(command =>
        {
            var applied = _state.Progress.Applied(command.Source);
            if (!_state.Progress.SkipTo(command.Source, command.UpTo, DateTimeOffset.UtcNow)) return;
            _dirty = true;
            _log.Warning("Slice {0} lost batches {1}–{2} of {3}: they were released on a snapshot a failure later superseded; its statistics miss them",
                _sliceId, applied + 1, command.UpTo, command.Source);
        });
        Command<StopSlice>(_ =>
        {
            _stopping = true;
            Checkpoint(ActorRefs.Nobody, "");
        });
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(OnSnapshotFailed);
    }

    public override string PersistenceId => PersistencePrefix + _sliceId;

    /// <param name="sliceId">The slice key.</param>
    /// <param name="spec">The stream's spec.</param>
    /// <param name="modelReference">This slice's training profile for a model version, used as the drift reference.</param>
    public static Props Props(string sliceId, CompiledSpec spec, Func<string?, StatisticsSet?>? modelReference = null) =>
        Akka.Actor.Props.Create(() => new SliceEntity(sliceId, spec, modelReference));

    private void Record(RecordObservations command)
    {
        switch (_state.Progress.Admit(command.Source, command.Sequence, DateTimeOffset.UtcNow))
        {
            case BatchAdmission.Apply:
                Recorded(_state.Record(command.Batch, _spec, _modelReference));
                break;
            case BatchAdmission.Gap:
                // The source learns at its next checkpoint how far this slice got and resends from there.
                _log.Debug("Slice {0}: batch {1} of {2} skipped; batch {3} is missing", _sliceId, command.Sequence, command.Source,
                    _state.Progress.Applied(command.Source) + 1);
                break;
        }
    }

    /// <summary>Marks the state changed, then journals the drift signals it raised and publishes them.</summary>
    private void Recorded(List<DriftSignal> signals)
    {
        _dirty = true;
        // Persist (not PersistAsync): later commands wait until these events are in the journal.
        if (!_opened)
        {
            _opened = true;
            Persist(new SliceOpened(_sliceId), _ => { });
        }
        if (signals.Count == 0) return;
        PersistAll(SliceDriftJournal.EventsFor(_sliceId, signals), e =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var signal in e.Signals)
            {
                _log.Info("Slice {0}: {1} on {2} ({3}) at event {4}", _sliceId, signal.Kind, signal.Feature, signal.Test, signal.AtEvent);
                Context.System.EventStream.Publish(new SliceAlertRaised(_sliceId, signal, now));
            }
        });
    }

    private void Checkpoint(IActorRef requester, string source)
    {
        if (!_dirty && !_saving)
        {
            // Nothing changed since the last snapshot (or since recovery): it is already durable.
            if (!requester.IsNobody()) requester.Tell(Taken(_state.Progress, source));
            if (_stopping) Context.Stop(Self);
            return;
        }
        if (!requester.IsNobody()) _waiting.Add((requester, source));
        if (!_saving) StartSave();
    }

    private void StartSave()
    {
        (_inSave, _waiting) = (_waiting, _inSave);
        _waiting.Clear();
        _dirty = false;
        _saving = true;
        _saveStarted = Stopwatch.GetTimestamp();
        // A copy: the snapshot store serialises it later, while this slice keeps recording.
        var copy = _state.Clone();
        _savedProgress = copy.Progress;
        if (LastSequenceNr > _unsafeSequenceNr) SaveSnapshot(new SliceSnapshot(copy));
        else Persist(new SliceFenced(_sliceId), _ => SaveSnapshot(new SliceSnapshot(copy)));
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess success)
    {
        _saving = false;
        Context.System.EventStream.Publish(new SliceCheckpointed(_sliceId, SliceFigures.From(_state, DateTimeOffset.UtcNow), Stopwatch.GetElapsedTime(_saveStarted)));
        Reply(_inSave, source => Taken(_savedProgress!, source));
        if (_dirty && (_waiting.Count > 0 || _stopping)) StartSave();
        else
        {
            Reply(_waiting, source => Taken(_state.Progress, source));
            if (_stopping) Context.Stop(Self);
        }
    }

    private void OnSnapshotFailed(SaveSnapshotFailure failure)
    {
        // The write may still land later: the next snapshot goes under a new sequence number.
        _unsafeSequenceNr = Math.Max(_unsafeSequenceNr, failure.Metadata.SequenceNr);
        _saving = false;
        _dirty = true;
        Context.System.EventStream.Publish(new SliceSnapshotFailed(_sliceId, Stopwatch.GetElapsedTime(_saveStarted)));
        _log.Warning("Snapshot of slice {0} failed: {1}", _sliceId, failure.Cause.Message);
        Reply(_inSave, _ => new Status.Failure(failure.Cause));
        Reply(_waiting, _ => new Status.Failure(failure.Cause));
        if (_stopping) Context.Stop(Self);
    }

    private SnapshotTaken Taken(BatchProgress progress, string source) => new(_sliceId, _state.Lifetime.Events, progress.Applied(source));

    private static void Reply(List<(IActorRef Requester, string Source)> waiting, Func<string, object> answer)
    {
        foreach (var (requester, source) in waiting) requester.Tell(answer(source));
        waiting.Clear();
    }
}
