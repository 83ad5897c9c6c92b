using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;

namespace StreamMl.Actors.Slices;

/// <summary>Tuning of slice entities.</summary>
public sealed record SliceEntityOptions
{
    /// <summary>Take a snapshot (and trim the journal behind it) after this many recorded batches. Default 200.</summary>
    public int SnapshotEveryBatches { get; init; } = 200;
}

/// <summary>
/// One slice of the stream (the global slice or one value of a slice column): persists each batch
/// of observations, applies it to the slice's statistics, and answers statistics queries.
/// </summary>
public sealed class SliceEntity : ReceivePersistentActor
{
    public const string PersistencePrefix = "slice|";

    private readonly string _sliceId;
    private readonly CompiledSpec _spec;
    private readonly SliceEntityOptions _options;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private SliceState _state;
    private int _batchesSinceSnapshot;

    public SliceEntity(string sliceId, CompiledSpec spec, SliceEntityOptions options)
    {
        _sliceId = sliceId;
        _spec = spec;
        _options = options;
        _state = SliceState.Empty(sliceId, spec);

        Recover<SnapshotOffer>(offer => _state = ((SliceSnapshot)offer.Snapshot).State);
        Recover<ObservationsRecorded>(e => Apply(e));

        Command<RecordObservations>(cmd => PersistAsync(new ObservationsRecorded(cmd.Batch), e =>
        {
            Apply(e);
            Sender.Tell(new ObservationsAcknowledged(_sliceId, _state.Lifetime.Events));
            if (_batchesSinceSnapshot < _options.SnapshotEveryBatches) return;
            SaveSnapshot(new SliceSnapshot(_state));
            _batchesSinceSnapshot = 0;
        }));
        Command<GetSliceStatistics>(_ => Sender.Tell(new SliceStatisticsReply(_sliceId, SliceSummary.From(_state, _spec))));
        Command<SaveSnapshotSuccess>(s =>
        {
            // Everything up to the snapshot is in it: the journal behind it is no longer needed.
            DeleteMessages(s.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of slice {0} failed; the journal still holds its batches", _sliceId));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Trimming the journal of slice {0} failed", _sliceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Deleting old snapshots of slice {0} failed", _sliceId));
    }

    public override string PersistenceId => PersistencePrefix + _sliceId;

    public static Props Props(string sliceId, CompiledSpec spec, SliceEntityOptions options) =>
        Akka.Actor.Props.Create(() => new SliceEntity(sliceId, spec, options));

    private void Apply(ObservationsRecorded e)
    {
        _state.Record(e.Batch, _spec);
        _batchesSinceSnapshot++;
    }

    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        _batchesSinceSnapshot = 0;
    }
}
