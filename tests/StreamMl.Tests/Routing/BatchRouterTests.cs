using System.Buffers;
using System.Text.Json;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Routing;
using StreamMl.Core.Serving;
using StreamMl.Core.Spec;
using StreamMl.Tests.Modeling;
using Xunit;

namespace StreamMl.Tests.Routing;

/// <summary>The pure routing step: who answers each event, what each slice records, what waits for a label, what trains.</summary>
public sealed class BatchRouterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<(ServingModel V1, ServingModel V2)> Models = new(() =>
    {
        var spec = ElecData.WithModel("LbfgsLogisticRegression");
        return (Serving("v1", ModelTrainer.Train(spec, ElecData.Range(0, 1000))), Serving("v2", ModelTrainer.Train(spec, ElecData.Range(20_000, 1000))));
    });

    /// <summary>Events of elec, every third one labelled.</summary>
    private static readonly Lazy<ValidEvent[]> Events = new(() =>
        ElecData.Range(5000, 2000).Select((e, i) => i % 3 == 0 ? e : e with { Label = null, Id = $"e-{i}" }).ToArray());

    private static ServingModel Serving(string version, TrainedModel model) => new(version, version, new ModelScorer(model));

    [Fact]
    public void The_champion_answers_every_event_and_every_slice_observes_its_events_in_order()
    {
        var (v1, _) = Models.Value;
        var events = Events.Value;

        var routed = BatchRouter.Route(new ServingSet(v1, null, ServingModes.Full, 0, 1), events, Now, labelBuckets: 8, labelsComeLate: true);

        var expected = v1.Scorer.Score(events);
        Assert.Equal(events.Select(e => e.Id), routed.Predictions.Select(p => p.Id));
        Assert.All(routed.Predictions, p => Assert.Equal("v1", p.ModelVersion));
        Assert.Equal(expected.Select(s => s.Score), routed.Predictions.Select(p => p.Score));
        foreach (var slice in events.SelectMany(e => e.Slices).Distinct())
        {
            var rows = events.Where(e => e.Slices.Contains(slice)).ToList();
            var batch = routed.Slices[slice];
            Assert.Equal(rows.Count, batch.Rows.Count);
            Assert.Equal(rows.Select(r => r.Label), batch.Rows.Select(r => r.Label));
            Assert.Equal("v1", batch.ModelVersion);
            Assert.All(batch.Rows, r => Assert.Null(r.ModelVersion));
        }
        Assert.Equal(events.Where(e => e.Label is not null).Select(e => e.Id), routed.Labelled.Select(e => e.Event.Id));
        var waiting = routed.Pending.SelectMany(b => b.Value.Select(p => (b.Key, p))).ToList();
        Assert.Equal(events.Where(e => e.Label is null).Select(e => e.Id).Order(), waiting.Select(w => w.p.Event.Id).Order());
        Assert.All(waiting, w => Assert.Equal(Core.Labels.LabelBuckets.Of(w.p.Event.Id, 8), w.Key));
        foreach (var (bucket, predictions) in routed.Pending)
            Assert.Equal(events.Where(e => e.Label is null && Core.Labels.LabelBuckets.Of(e.Id, 8) == bucket).Select(e => e.Id), predictions.Select(p => p.Event.Id));
        Assert.All(waiting, w => Assert.Equal("v1", Assert.Single(w.p.Scores).ModelVersion));
    }

    [Fact]
    public void A_canary_answers_exactly_the_events_whose_hashed_id_falls_in_its_share()
    {
        var (v1, v2) = Models.Value;
        var events = Events.Value;

        var routed = BatchRouter.Route(new ServingSet(v1, v2, ServingModes.Canary, 0.3, 2), events, Now, 8, true);

        var expected = events.Select(e => CanaryRouting.ToChallenger(e.Id, 0.3) ? "v2" : "v1").ToList();
        Assert.Equal(expected, routed.Predictions.Select(p => p.ModelVersion));
        Assert.InRange(expected.Count(v => v == "v2"), 450, 750);
        var v2Scores = v2.Scorer.Score(events);
        for (var i = 0; i < events.Length; i++)
            if (expected[i] == "v2") Assert.Equal(v2Scores[i].Score, routed.Predictions[i].Score);
        // A slice row answered by the canary names it; the batch names the champion.
        var global = routed.Slices["*"];
        Assert.Equal(expected.Select(v => v == "v2" ? "v2" : null), global.Rows.Select(r => r.ModelVersion));
    }

    [Fact]
    public void A_shadow_is_scored_on_every_event_but_never_answers()
    {
        var (v1, v2) = Models.Value;
        var events = Events.Value;

        var routed = BatchRouter.Route(new ServingSet(v1, v2, ServingModes.Shadow, 0, 3), events, Now, 8, true);

        Assert.All(routed.Predictions, p => Assert.Equal("v1", p.ModelVersion));
        var waiting = routed.Pending.Values.SelectMany(v => v).ToList();
        Assert.All(waiting, p => Assert.Equal(["v1", "v2"], p.Scores.Select(s => s.ModelVersion)));
        Assert.All(waiting, p => Assert.True(p.Scores[1].Shadow));
        // Labelled events give the shadow's outcomes in every slice they fall in, at once.
        var labelled = events.Count(e => e.Label is not null);
        Assert.Equal(labelled, routed.Slices["*"].ShadowOutcomes!.Count);
        Assert.All(routed.Slices["*"].ShadowOutcomes!, o => Assert.Equal(("v2", true), (o.ModelVersion, o.Shadow)));
    }

    [Fact]
    public void Without_late_labels_no_prediction_waits()
    {
        var (v1, _) = Models.Value;

        var routed = BatchRouter.Route(new ServingSet(v1, null, ServingModes.Full, 0, 1), Events.Value, Now, 8, labelsComeLate: false);

        Assert.Empty(routed.Pending);
        Assert.Equal(Events.Value.Count(e => e.Label is not null), routed.Labelled.Count);
    }

    [Fact]
    public void An_event_without_a_time_is_dated_when_it_is_answered()
    {
        var (v1, _) = Models.Value;
        var e = Events.Value[1] with { Time = null };
        var dated = Events.Value[2] with { Time = Now.AddDays(-3) };

        var routed = BatchRouter.Route(new ServingSet(v1, null, ServingModes.Full, 0, 1), [e, dated], Now, 8, true);

        Assert.Equal([Now, Now.AddDays(-3)], routed.Predictions.Select(p => p.Time));
    }

    [Fact]
    public void Each_answer_is_written_as_the_serializers_json_of_its_prediction_record()
    {
        var (v1, v2) = Models.Value;
        var events = Events.Value.Take(300).Select((e, i) => i % 7 == 0 ? e with { Time = null } : e).ToArray();

        var routed = BatchRouter.Route(new ServingSet(v1, v2, ServingModes.Canary, 0.3, 2), events, Now, 8, true);

        var writer = new PredictionJsonWriter();
        var json = new ArrayBufferWriter<byte>();
        Assert.Equal(["v1", "v2"], routed.Predictions.Select(p => p.ModelVersion).Distinct().Order());
        for (var i = 0; i < events.Length; i++)
        {
            var record = routed.Predictions[i];
            json.ResetWrittenCount();
            routed.Predictions.WriteJson(i, writer, json);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(record, ContractsJsonContext.Default.PredictionRecord), json.WrittenSpan.ToArray());
            Assert.Equal((events[i].Id, events[i].Time ?? Now), (routed.Predictions.Id(i), routed.Predictions.Time(i)));
            Assert.Same(events[i].Slices, record.Slices);
        }
    }
}
