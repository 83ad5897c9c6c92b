using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Slices;
using StreamMl.Core.Slices;
using Xunit;

namespace StreamMl.Tests.Slices;

/// <summary>
/// The slices of one ingestion batch share one set of columns: each slice's batch reads, serializes and records exactly
/// as a batch made of its rows alone.
/// </summary>
public sealed class SharedObservationColumnsTests : TestKit
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Observation[] Rows =
    [
        new([0.1, double.NaN], ["a"], 1, 0.9, true),
        new([0.2, 3.5], [null], null, 0.4, false, "v2-canary"),
        new([-0.0, 1e300], ["b"], 0, 12.5, null),
        new([7.0, -2.0], ["c"], null, 0.1, false),
        new([0.5, 0.25], ["a"], 1, 0.6, true),
    ];

    private static ObservationBatch.Builder Full()
    {
        var builder = new ObservationBatch.Builder(Rows.Length, 2, 1);
        foreach (var r in Rows) builder.Add(r.Numeric, r.Categorical, r.Label, r.Score, r.PredictedPositive, r.ModelVersion);
        return builder;
    }

    [Theory]
    [InlineData(new[] { 0, 2, 4 })]
    [InlineData(new[] { 1, 3 })]
    [InlineData(new[] { 4 })]
    public void A_selected_batch_reads_and_serializes_as_the_batch_of_its_rows_alone(int[] rows)
    {
        var serializer = new SliceProtocolSerializer((ExtendedActorSystem)Sys);
        var selected = Full().Select(rows, T0, "v1");
        var alone = new ObservationBatch(rows.Select(i => Rows[i]).ToList(), T0, "v1");

        Assert.Equal(alone.Count, selected.Count);
        Assert.Equal(alone.Numeric, selected.Numeric);
        Assert.Equal(alone.Categorical, selected.Categorical);
        Assert.Equal(alone.Labels, selected.Labels);
        Assert.Equal(alone.Scores, selected.Scores);
        Assert.Equal(alone.Predicted, selected.Predicted);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(alone.NumericOf(i).ToArray(), selected.NumericOf(i).ToArray());
            Assert.Equal(alone.CategoricalOf(i).ToArray(), selected.CategoricalOf(i).ToArray());
            Assert.Equal((alone.LabelOf(i), alone.ScoreOf(i), alone.PredictedOf(i), alone.RowVersionOf(i)),
                (selected.LabelOf(i), selected.ScoreOf(i), selected.PredictedOf(i), selected.RowVersionOf(i)));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => selected.ScoreOf(rows.Length));

        var message = new RecordObservations("*", "run-1", 7, selected);
        var bytes = serializer.ToBinary(message);
        Assert.Equal(serializer.ToBinary(new RecordObservations("*", "run-1", 7, alone)), bytes);
        var back = (RecordObservations)serializer.FromBinary(bytes, serializer.Manifest(message));
        Assert.Equal(alone.Numeric, back.Batch.Numeric);
        Assert.Equal(alone.RowVersions, back.Batch.RowVersions);
    }

    [Fact]
    public void Slices_that_share_columns_record_the_same_statistics_as_slices_given_their_own_rows()
    {
        var events = SliceTestData.Rows(2500);
        var builder = new ObservationBatch.Builder(events.Count, events[0].Numeric.Length, events[0].Categorical.Length);
        foreach (var e in events) builder.Add(e.Numeric, e.Categorical, e.Label, e.Label ?? 0.5, e.Label == 1);
        var odd = Enumerable.Range(0, events.Count).Where(i => i % 2 == 1).ToArray();
        var shared = SliceState.Empty("odd", SliceTestData.Spec);
        var own = SliceState.Empty("odd", SliceTestData.Spec);

        shared.Record(builder.Select(odd, T0, "v1"), SliceTestData.Spec);
        own.Record(new ObservationBatch(odd.Select(i => new Observation(events[i].Numeric, events[i].Categorical, events[i].Label,
            events[i].Label ?? 0.5, events[i].Label == 1)).ToList(), T0, "v1"), SliceTestData.Spec);

        // 1,250 rows: the spec's window of 2,000 events stays open; both states' figures, drift tests included, must agree.
        Assert.Equal(1250, shared.Lifetime.Events);
        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        Assert.Equal(JsonSerializer.Serialize(SliceSummary.From(own), options), JsonSerializer.Serialize(SliceSummary.From(shared), options));
    }

    [Fact]
    public void A_builder_gives_rows_only_once_full_and_only_rows_it_holds()
    {
        var builder = new ObservationBatch.Builder(2, 1, 0);
        builder.Add([1.0], [], null, 0.5, null);
        Assert.Throws<InvalidOperationException>(() => builder.Select([0], T0));
        builder.Add([2.0], [], null, 0.5, null);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Select([0, 2], T0));
        Assert.Equal([2.0], builder.Select([1], T0).Numeric);
    }
}
