using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Operations;
using StreamMl.Actors.Slices;
using StreamMl.Core.Operations;
using StreamMl.Core.Registry;

namespace StreamMl.Cluster.Operations;

/// <summary>
/// The slice directory and the model timeline this node answers from, kept up to date without asking a slice:
/// <list type="bullet">
/// <item>drift signals, slice ids and registry events by one persistence query over the whole journal
/// (<c>CurrentAllEvents</c> once at start, then <c>AllEvents</c> polling from where it stopped), so that alarms and
/// their history survive restarts and a passivated slice stays asleep;</item>
/// <item>each slice's checkpoint figures (events, reference, quality windows) from the replicated slice-figures maps,
/// which the slices' nodes write at every checkpoint.</item>
/// </list>
/// </summary>
public sealed class SliceDirectoryService(ActorSystem system, ILogger<SliceDirectoryService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The query's polling: both the stream's refresh and the sequence actor's, which finds the highest ordering safe to
    /// read (Akka.Persistence.Sql's advice is to tune them together). One light query every 250 ms per node.
    /// </summary>
    public const string QueryHocon = """
        akka.persistence.query.journal.sql.refresh-interval = 250ms
        akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay = 250ms
        """;
    private readonly Lock _lock = new();
    private readonly SliceDirectory _slices = new();
    private readonly ModelTimeline _models = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private long _ordering;
    private IActorRef? _feed;
    private IMaterializer? _materializer;
    private SqlReadJournal? _journal;

    /// <summary>Completes once the journal has been read up to where it stood when the node started.</summary>
    public Task CaughtUp => _caughtUp.Task;

    /// <summary>Reads the directory and the timeline under the lock that the journal and the figures feed write under.</summary>
    public T Read<T>(Func<SliceDirectory, ModelTimeline, T> read)
    {
        lock (_lock) return read(_slices, _models);
    }

    /// <summary>
    /// Waits until the directory has read the journal once, then reads what the journal gained since the live query's
    /// last poll (one query from the last offset read; usually nothing), so that an answer holds every signal journaled
    /// before the request. False when the first read had not finished within <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> WaitUntilCaughtUp(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!CaughtUp.IsCompleted) await Task.WhenAny(CaughtUp, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        if (!CaughtUp.IsCompleted) return false;
        try
        {
            await ReadTail(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The live query keeps the directory a second or so behind the journal at worst: answer from it.
            logger.LogDebug("Reading the journal's tail failed: {Reason}", e.GetBaseException().Message);
        }
        return true;
    }

    private async Task ReadTail(CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _journal!.CurrentAllEvents(Offset.Sequence(Interlocked.Read(ref _ordering))).RunForeach(Fold, _materializer!).ConfigureAwait(false);
        }
        finally
        {
            _reading.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _feed = system.ActorOf(SliceFiguresFeed.Props(OnFigures), SliceFiguresFeed.Name);
        var backoff = TimeSpan.FromSeconds(1);
        var materializer = _materializer = system.Materializer(namePrefix: "slice-directory");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The read journal asks the journal for its settings when it is made: on a busy or starting node that
                // ask can time out, and is retried like any other read.
                var journal = _journal ??= PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
                if (!CaughtUp.IsCompleted)
                {
                    await journal.CurrentAllEvents(Offset.Sequence(Interlocked.Read(ref _ordering))).RunForeach(Fold, materializer).WaitAsync(stoppingToken).ConfigureAwait(false);
                    _caughtUp.TrySetResult();
                    logger.LogInformation("The slice directory read the journal: {Slices} slices", Read((s, _) => s.Count));
                }
                var (kill, done) = journal.AllEvents(Offset.Sequence(Interlocked.Read(ref _ordering)))
                    .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
                    .ToMaterialized(Sink.ForEach<EventEnvelope>(Fold), Keep.Both)
                    .Run(materializer);
                // The actor system may stop before the host does: wait for the query or the stop, not the query alone.
                await using (stoppingToken.Register(() => kill.Shutdown()))
                    await done.WaitAsync(stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The slice directory could not read the journal (is the database reachable?); retrying in {Backoff}: {Reason}",
                    backoff, e.GetBaseException().Message);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        if (_feed is not null) system.Stop(_feed);
    }

    /// <summary>Folds one journal event in; an event seen before (a query restarted at its offset) is skipped.</summary>
    private void Fold(EventEnvelope envelope)
    {
        var id = envelope.PersistenceId;
        lock (_lock)
        {
            if (envelope.Offset is Sequence { Value: var ordering })
            {
                if (ordering <= Interlocked.Read(ref _ordering)) return;
                Interlocked.Exchange(ref _ordering, ordering);
            }
            if (id.StartsWith(SliceEntity.PersistencePrefix, StringComparison.Ordinal))
            {
                var sliceId = id[SliceEntity.PersistencePrefix.Length..];
                switch (envelope.Event)
                {
                    case SliceDriftRecorded recorded:
                        foreach (var signal in recorded.Signals) _slices.Signalled(sliceId, signal, JournalTime.Of(envelope.Timestamp));
                        break;
                    case SliceDriftSignalled signalled:
                        _slices.Signalled(sliceId, signalled.Signal, JournalTime.Of(envelope.Timestamp));
                        break;
                    default:
                        _slices.Opened(sliceId);
                        break;
                }
            }
            else if (id == ModelRegistryActor.Id && envelope.Event is IRegistryEvent e)
            {
                _models.Apply(e);
            }
        }
    }

    private void OnFigures(IEnumerable<KeyValuePair<string, SliceFigures>> figures)
    {
        lock (_lock)
            foreach (var (sliceId, f) in figures) _slices.Figures(sliceId, f);
    }
}
