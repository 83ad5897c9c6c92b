using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Slices;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Operations;
using StreamMl.Core.Labels;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// Before a node first consumes: wakes the slices the journal mentioned last (at most
/// <c>StreamMl:Ingestion:WarmStartSlices</c>) and every label-join bucket, so that the first batches are answered at
/// once instead of waiting for each entity to recover as its first event reaches it. Bounded by
/// <c>StreamMl:Ingestion:WarmStartSeconds</c>; what is not awake by then wakes with its first event, as without it.
/// When the first label bucket does not answer within 10 s, the slices' nodes are taken to be unreachable and the node
/// consumes without a warm start.
/// </summary>
public sealed class WarmStart(
    NodeSettings settings,
    SliceDirectoryService directory,
    IRequiredActor<SliceRegion> slices,
    IRequiredActor<LabelJoinRegion> labelJoins,
    ILogger<WarmStart> logger)
{
    /// <summary>Wake requests in flight at once: enough to keep the journal busy, few enough not to time out.</summary>
    private const int InFlight = 32;

    /// <summary>How long the first label bucket may take to answer before the warm start gives up on the slices' nodes.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The finished warm start, or null before it ends.</summary>
    public WarmStartReport? Report { get; private set; }

    /// <summary>Wakes the entities; never throws for an entity that does not answer in time.</summary>
    public async Task<WarmStartReport> Run(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(settings.Ingestion.WarmStartSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        string[] sliceIds = [];
        if (settings.Ingestion.WarmStartSlices > 0 && budget > TimeSpan.Zero
            && await directory.WaitUntilCaughtUp(budget, deadline.Token).ConfigureAwait(false))
            sliceIds = directory.Read((d, _) => d.MostRecent(settings.Ingestion.WarmStartSlices)).ToArray();
        var buckets = budget > TimeSpan.Zero ? Enumerable.Range(0, settings.Labels.Buckets).Select(LabelBuckets.Name).ToArray() : [];

        var bucketRegion = await labelJoins.GetAsync(cancellationToken).ConfigureAwait(false);
        var sliceRegion = await slices.GetAsync(cancellationToken).ConfigureAwait(false);
        Task WakeBucket(string bucket, TimeSpan timeout) => bucketRegion.Ask<LabelJoinCountersReply>(new GetLabelJoinCounters(bucket), timeout, deadline.Token);
        // Buckets and slices live on the nodes of the slices role: when the first bucket does not answer within the probe
        // (those nodes are not up yet, say), nothing else would, and the node consumes at once instead of after the budget.
        var probe = budget < ProbeTimeout ? budget : ProbeTimeout;
        var reachable = buckets.Length > 0 && await WakeAll([buckets[0]], b => WakeBucket(b, probe), deadline.Token).ConfigureAwait(false) == 1;
        var bucketsAwake = reachable ? 1 + await WakeAll(buckets[1..], b => WakeBucket(b, budget), deadline.Token).ConfigureAwait(false) : 0;
        var slicesAwake = reachable
            ? await WakeAll(sliceIds, id => sliceRegion.Ask<SliceAwake>(new WakeSlice(id), budget, deadline.Token), deadline.Token).ConfigureAwait(false)
            : 0;
        cancellationToken.ThrowIfCancellationRequested();

        var report = new WarmStartReport(slicesAwake, sliceIds.Length, bucketsAwake, buckets.Length, clock.Elapsed.TotalSeconds);
        Report = report;
        if (report.SlicesAwake < report.Slices || report.BucketsAwake < report.Buckets)
            logger.LogWarning("Warm start: {Slices} of {KnownSlices} slices and {Buckets} of {AllBuckets} label buckets awake after {Seconds:F1} s; the rest wake with their first records",
                report.SlicesAwake, report.Slices, report.BucketsAwake, report.Buckets, report.Seconds);
        else
            logger.LogInformation("Warm start: {Slices} slices and {Buckets} label buckets awake in {Seconds:F1} s",
                report.SlicesAwake, report.BucketsAwake, report.Seconds);
        return report;
    }

    /// <summary>Sends every wake request, <see cref="InFlight"/> at a time, and counts the answers before the deadline.</summary>
    private static async Task<int> WakeAll(IReadOnlyList<string> ids, Func<string, Task> wake, CancellationToken deadline)
    {
        var awake = 0;
        var next = 0;
        async Task Worker()
        {
            while (!deadline.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next) - 1;
                if (i >= ids.Count) return;
                try
                {
                    await wake(ids[i]).ConfigureAwait(false);
                    Interlocked.Increment(ref awake);
                }
                catch (Exception)
                {
                    // Not awake in time, or unavailable (its database down, say): it wakes with its first record.
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(InFlight, ids.Count)).Select(_ => Worker())).ConfigureAwait(false);
        return awake;
    }
}

/// <summary>What a node's warm start woke before it consumed, of what it tried, and how long it took.</summary>
public sealed record WarmStartReport(int SlicesAwake, int Slices, int BucketsAwake, int Buckets, double Seconds);
