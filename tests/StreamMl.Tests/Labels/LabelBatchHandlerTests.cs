using Akka.TestKit.Xunit2;
using StreamMl.Actors.Labels;
using StreamMl.Cluster.Ingestion;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.Spec;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Labels;

/// <summary>A batch of late labels handed to its label-join buckets, and the checkpoint that sends again what was not taken.</summary>
public sealed class LabelBatchHandlerTests : TestKit
{
    private const int Buckets = 4;

    [Fact]
    public async Task A_taken_delivery_lets_its_labels_go_and_the_checkpoint_sends_only_the_untaken_one_again()
    {
        var buckets = CreateTestProbe();
        var handler = new LabelBatchHandler(new EventDecoder(new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("elec2.json")))), buckets.Ref, Buckets,
            TimeSpan.FromMilliseconds(500));
        var labels = Enumerable.Range(0, 40).Select(i => new ArrivedLabel($"ev-{i}", i % 2)).ToList();
        var silent = LabelBuckets.Of(labels[0].Id, Buckets);
        var expected = labels.GroupBy(l => LabelBuckets.Of(l.Id, Buckets)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(expected.Count > 1);

        var handling = handler.HandleAsync(labels, CancellationToken.None).AsTask();
        for (var i = 0; i < expected.Count; i++)
        {
            var arrived = buckets.ExpectMsg<LabelsArrived>();
            Assert.Equal(expected[arrived.Bucket], arrived.Labels);
            if (arrived.Bucket != silent) buckets.Reply(new LabelsAccepted(arrived.Bucket, arrived.Labels.Count));
        }
        var deliveries = (await handling).Receipt;

        Assert.Equal(expected.Keys.Order(), deliveries.Select(d => d.Bucket).Order());
        foreach (var delivery in deliveries)
        {
            Assert.Equal(delivery.Bucket != silent, delivery.Taken);
            Assert.Equal(delivery.Taken ? [] : expected[delivery.Bucket], delivery.Labels);
        }

        var checkpoint = handler.MakeDurableAsync([deliveries], CancellationToken.None);
        var again = buckets.ExpectMsg<LabelsArrived>();
        Assert.Equal(silent, again.Bucket);
        Assert.Equal(expected[silent], again.Labels);
        buckets.Reply(new LabelsAccepted(silent, 0));
        Assert.True((await checkpoint).Durable);
        buckets.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.All(deliveries, d => Assert.True(d.Taken && d.Labels.Count == 0));
    }
}
