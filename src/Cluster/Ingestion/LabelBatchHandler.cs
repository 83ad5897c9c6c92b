using System.Buffers;
using Akka.Actor;
using StreamMl.Actors.Labels;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Slices;
using StreamMl.Core.Labels;
using StreamMl.Streams.Ingestion;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// The labels of one batch for one label-join bucket, and whether the bucket took them. A delivery is kept until the
/// next checkpoint, which sends it again unless it was taken; a taken one lets its labels go at once, so that the labels
/// of seconds of batches do not outlive the young collections of the garbage collector for nothing.
/// </summary>
public sealed class LabelDelivery(string bucket, IReadOnlyList<ArrivedLabel> labels)
{
    public string Bucket => bucket;

    /// <summary>The labels to deliver; none once the bucket took them.</summary>
    public IReadOnlyList<ArrivedLabel> Labels { get; private set; } = labels;

    public bool Taken { get; private set; }

    /// <summary>The bucket took the labels: they are never sent again.</summary>
    public void MarkTaken()
    {
        Taken = true;
        Labels = [];
    }
}

/// <summary>
/// Hands a batch of late labels to their label-join buckets and waits (a bounded time) for each to take them; a
/// bucket that does not answer (its node died, it is moving) gets its labels again at the next checkpoint, which
/// stores the offsets only once every bucket took its labels. A repeated label is counted, not joined twice.
/// </summary>
public sealed class LabelBatchHandler(EventDecoder decoder, IActorRef labelJoins, int labelBuckets, TimeSpan askTimeout)
    : IBatchHandler<ArrivedLabel, IReadOnlyList<LabelDelivery>>
{
    private long _joined;

    /// <summary>Labels joined at once to a waiting prediction (more join later, when their prediction arrives).</summary>
    public long Joined => Interlocked.Read(ref _joined);

    public Decoded<ArrivedLabel> Decode(ReadOnlySpan<byte> value)
    {
        var result = decoder.DecodeLabel(value);
        return result.IsValid ? new Decoded<ArrivedLabel>(new ArrivedLabel(result.Id!, result.Label), null) : new Decoded<ArrivedLabel>(null, result.Rejection);
    }

    public async ValueTask<HandledBatch<IReadOnlyList<LabelDelivery>>> HandleAsync(IReadOnlyList<ArrivedLabel> labels, CancellationToken cancellationToken)
    {
        var deliveries = ByBucket(labels);
        await Task.WhenAll(deliveries.Select(d => Deliver(d, cancellationToken))).ConfigureAwait(false);
        return new HandledBatch<IReadOnlyList<LabelDelivery>>(NoAnswers.Instance, deliveries);
    }

    /// <summary>
    /// The labels of each bucket, in order, in one array of their exact number (counted first, then filled); the buckets
    /// in the order of their first label.
    /// </summary>
    private List<LabelDelivery> ByBucket(IReadOnlyList<ArrivedLabel> labels)
    {
        var buckets = ArrayPool<string>.Shared.Rent(labels.Count);
        try
        {
            var groups = new SliceGroups<ArrivedLabel>();
            for (var i = 0; i < labels.Count; i++) groups.Count(buckets[i] = LabelBuckets.Of(labels[i].Id, labelBuckets));
            groups.Allocate();
            for (var i = 0; i < labels.Count; i++) groups.Add(buckets[i], labels[i]);
            return groups.All().Select(g => new LabelDelivery(g.Slice, g.Items)).ToList();
        }
        finally
        {
            ArrayPool<string>.Shared.Return(buckets);
        }
    }

    public async Task<Durability> MakeDurableAsync(IReadOnlyList<IReadOnlyList<LabelDelivery>> receipts, CancellationToken cancellationToken)
    {
        var untaken = receipts.SelectMany(r => r).Where(d => !d.Taken).ToList();
        await Task.WhenAll(untaken.Select(d => Deliver(d, cancellationToken))).ConfigureAwait(false);
        var silent = untaken.Where(d => !d.Taken).Select(d => d.Bucket).Distinct().ToList();
        return silent.Count == 0 ? Durability.Done
            : Durability.NotYet($"label-join bucket(s) {string.Join(", ", silent.Take(5))} did not take their labels within {askTimeout.TotalSeconds:0} s");
    }

    private async Task Deliver(LabelDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var accepted = await labelJoins.Ask<LabelsAccepted>(new LabelsArrived(delivery.Bucket, delivery.Labels), askTimeout, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _joined, accepted.Joined);
            delivery.MarkTaken();
        }
        catch (Exception)
        {
            // Not taken in time: the next checkpoint delivers these labels again.
        }
    }
}
