using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using Xunit;

namespace StreamMl.Tests.Labels;

public sealed class LabelJoinTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(10);

    private static PendingPrediction Prediction(string id, double score = 0.7) =>
        new(new ValidEvent(id, T0, [1.5], ["a"], [], null, ["*"]), [new ScoredBy("v1", score, score >= 0.5, Shadow: false), new ScoredBy("v2", 0.1, false, Shadow: true)]);

    private static LabelJoin Join(int capacity = 100) => new(Horizon, capacity);

    [Fact]
    public void A_label_after_its_prediction_joins()
    {
        var join = Join();
        var prediction = Prediction("e1");

        Assert.Null(join.AddPrediction(prediction, T0));
        var joined = join.AddLabel("e1", 1.0, T0.AddMinutes(1)) ?? throw new Xunit.Sdk.XunitException("the label did not join");

        Assert.Same(prediction, joined.Prediction);
        Assert.Equal(1.0, joined.Label);
        Assert.Equal(1.0, joined.Example.Label);
        Assert.Equal("e1", joined.Example.Event.Id);
        Assert.Equal(0, join.PendingPredictions);
        Assert.Equal(new LabelJoinCounters(1, 0, 0, 0, 0, 0), join.Counters);
    }

    [Fact]
    public void A_label_before_its_prediction_waits_and_the_prediction_returns_the_join()
    {
        var join = Join();
        var prediction = Prediction("e1");

        Assert.Null(join.AddLabel("e1", 0.0, T0));
        Assert.Equal(1, join.WaitingLabels);
        var joined = join.AddPrediction(prediction, T0.AddMinutes(2)) ?? throw new Xunit.Sdk.XunitException("the prediction did not join");

        Assert.Same(prediction, joined.Prediction);
        Assert.Equal(0.0, joined.Label);
        Assert.Equal(0, join.WaitingLabels);
        Assert.Equal(0, join.PendingPredictions);
        Assert.Equal(new LabelJoinCounters(1, 0, 0, 0, 0, 0), join.Counters);
    }

    [Fact]
    public void A_label_joins_up_to_the_horizon_and_not_a_tick_after()
    {
        var join = Join();
        join.AddPrediction(Prediction("in"), T0);
        join.AddPrediction(Prediction("out"), T0);

        Assert.NotNull(join.AddLabel("in", 1, T0 + Horizon));
        Assert.Null(join.AddLabel("out", 1, T0 + Horizon + TimeSpan.FromTicks(1)));

        Assert.Equal(1, join.ExpiredPredictions);
        Assert.Equal(0, join.LatePredictionsEvicted);
        Assert.Equal(1, join.WaitingLabels);
    }

    [Fact]
    public void Expire_drops_what_is_older_than_the_horizon_and_counts_it()
    {
        var join = Join();
        join.AddPrediction(Prediction("p-old"), T0);
        join.AddLabel("l-old", 1, T0);
        join.AddPrediction(Prediction("p-new"), T0.AddMinutes(5));
        join.AddLabel("l-new", 1, T0.AddMinutes(5));

        join.Expire(T0.AddMinutes(12));

        Assert.Equal(1, join.PendingPredictions);
        Assert.Equal(1, join.WaitingLabels);
        Assert.Equal(new LabelJoinCounters(Joined: 0, UnknownLabels: 1, ExpiredPredictions: 1, 0, 0, 0), join.Counters);
        Assert.NotNull(join.AddLabel("p-new", 1, T0.AddMinutes(12)));
        Assert.NotNull(join.AddPrediction(Prediction("l-new"), T0.AddMinutes(12)));

        join.Expire(T0.AddHours(1));
        Assert.Equal(0, join.PendingPredictions);
        Assert.Equal(0, join.WaitingLabels);
        Assert.Equal(new LabelJoinCounters(2, 1, 1, 0, 0, 0), join.Counters);
    }

    [Fact]
    public void Over_capacity_the_oldest_prediction_is_evicted_first()
    {
        var join = Join(capacity: 3);
        foreach (var (id, minute) in new[] { ("a", 0), ("b", 1), ("c", 2), ("d", 3), ("e", 4) })
            join.AddPrediction(Prediction(id), T0.AddMinutes(minute));

        Assert.Equal(3, join.PendingPredictions);
        Assert.Equal(2, join.ExpiredPredictions);
        Assert.Equal(2, join.LatePredictionsEvicted);
        Assert.Null(join.AddLabel("a", 1, T0.AddMinutes(5)));
        Assert.Null(join.AddLabel("b", 1, T0.AddMinutes(5)));
        Assert.NotNull(join.AddLabel("c", 1, T0.AddMinutes(5)));
        Assert.NotNull(join.AddLabel("d", 1, T0.AddMinutes(5)));
        Assert.NotNull(join.AddLabel("e", 1, T0.AddMinutes(5)));
    }

    [Fact]
    public void Over_capacity_the_oldest_waiting_label_is_evicted_first_and_counts_as_unknown()
    {
        var join = Join(capacity: 2);
        join.AddLabel("x", 1, T0);
        join.AddLabel("y", 1, T0.AddMinutes(1));
        join.AddLabel("z", 1, T0.AddMinutes(2));

        Assert.Equal(2, join.WaitingLabels);
        Assert.Equal(1, join.UnknownLabels);
        Assert.Null(join.AddPrediction(Prediction("x"), T0.AddMinutes(3)));
        Assert.NotNull(join.AddPrediction(Prediction("y"), T0.AddMinutes(3)));
        Assert.NotNull(join.AddPrediction(Prediction("z"), T0.AddMinutes(3)));
    }

    [Fact]
    public void An_id_joins_once_and_later_labels_and_predictions_for_it_count_as_duplicates()
    {
        var join = Join();
        join.AddPrediction(Prediction("e1"), T0);
        Assert.NotNull(join.AddLabel("e1", 1, T0));

        Assert.Null(join.AddLabel("e1", 0, T0.AddMinutes(1)));
        Assert.Null(join.AddPrediction(Prediction("e1"), T0.AddMinutes(1)));

        Assert.Equal(0, join.WaitingLabels);
        Assert.Equal(0, join.PendingPredictions);
        Assert.Equal(new LabelJoinCounters(Joined: 1, 0, 0, 0, DuplicateLabels: 1, DuplicatePredictions: 1), join.Counters);

        // Once the horizon has passed the id is forgotten: a new prediction for it waits again.
        Assert.Null(join.AddPrediction(Prediction("e1"), T0 + Horizon + TimeSpan.FromMinutes(1)));
        Assert.Equal(1, join.PendingPredictions);
    }

    [Fact]
    public void A_second_waiting_label_or_pending_prediction_for_an_id_replaces_the_first()
    {
        var join = Join();
        join.AddLabel("l", 0, T0);
        join.AddLabel("l", 1, T0.AddMinutes(1));
        var newer = Prediction("p", score: 0.9);
        join.AddPrediction(Prediction("p", score: 0.2), T0);
        join.AddPrediction(newer, T0.AddMinutes(1));

        Assert.Equal(1, join.WaitingLabels);
        Assert.Equal(1, join.PendingPredictions);
        Assert.Equal(1.0, join.AddPrediction(Prediction("l"), T0.AddMinutes(2))!.Value.Label);
        Assert.Same(newer, join.AddLabel("p", 1, T0.AddMinutes(2))!.Value.Prediction);
        Assert.Equal(new LabelJoinCounters(2, 0, 0, 0, DuplicateLabels: 1, DuplicatePredictions: 1), join.Counters);
    }

    [Fact]
    public void Over_the_memory_bound_the_oldest_predictions_are_evicted_and_a_replaced_one_waits_as_the_newest()
    {
        var bytes = Prediction("p1").EstimatedBytes();
        var join = new LabelJoin(Horizon, capacity: 100, maxPendingBytes: 3 * bytes);
        foreach (var id in new[] { "p1", "p2", "p3" }) Assert.Null(join.AddPrediction(Prediction(id), T0));
        Assert.Equal(3 * bytes, join.PendingBytes);

        join.AddPrediction(Prediction("p2"), T0); // replaces p2, which now waits after p3
        Assert.Equal((3, 3 * bytes), (join.PendingPredictions, join.PendingBytes));
        join.AddPrediction(Prediction("p4"), T0); // evicts p1
        join.AddPrediction(Prediction("p5"), T0); // evicts p3, not p2

        Assert.Equal((3, 3 * bytes), (join.PendingPredictions, join.PendingBytes));
        Assert.Null(join.AddLabel("p1", 1, T0));
        Assert.Null(join.AddLabel("p3", 1, T0));
        foreach (var id in new[] { "p2", "p4", "p5" }) Assert.NotNull(join.AddLabel(id, 1, T0));
        Assert.Equal(new LabelJoinCounters(3, 0, 2, 2, 0, DuplicatePredictions: 1), join.Counters);
        Assert.Equal(0, join.PendingBytes);
    }

    [Fact]
    public void A_prediction_larger_than_the_memory_bound_still_waits_alone()
    {
        var join = new LabelJoin(Horizon, capacity: 100, maxPendingBytes: 1);
        join.AddPrediction(Prediction("q1"), T0);
        join.AddPrediction(Prediction("q2"), T0);

        Assert.Equal(1, join.PendingPredictions);
        Assert.Null(join.AddLabel("q1", 1, T0));
        Assert.NotNull(join.AddLabel("q2", 1, T0));
    }

    [Fact]
    public void Labels_for_unknown_ids_never_throw_and_stay_bounded()
    {
        var join = Join(capacity: 50);
        for (var i = 0; i < 10_000; i++)
            Assert.Null(join.AddLabel($"unknown-{i}", i % 2, T0.AddSeconds(i * 0.01)));
        Assert.Null(join.AddLabel("", double.NaN, T0));

        Assert.Equal(50, join.WaitingLabels);
        Assert.Equal(10_001 - 50, join.UnknownLabels);
        join.Expire(T0.AddDays(1));
        Assert.Equal(10_001, join.UnknownLabels);
        Assert.Equal(0, join.Joined);
    }

    [Fact]
    public void A_clock_that_steps_back_does_not_revive_or_reorder_anything()
    {
        var join = Join();
        join.AddPrediction(Prediction("a"), T0.AddMinutes(20));
        join.AddPrediction(Prediction("b"), T0);   // stamped 20 minutes, not 0

        join.Expire(T0.AddMinutes(29));
        Assert.Equal(2, join.PendingPredictions);
        join.Expire(T0.AddMinutes(31));
        Assert.Equal(0, join.PendingPredictions);
        Assert.Equal(2, join.ExpiredPredictions);
    }

    [Fact]
    public void Horizon_and_capacity_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabelJoin(TimeSpan.Zero, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabelJoin(Horizon, 0));
    }

    [Fact]
    public void Counters_match_a_plain_model_on_a_random_stream()
    {
        var random = new Random(7);
        var join = new LabelJoin(TimeSpan.FromSeconds(30), capacity: 20);
        var model = new PlainModel(TimeSpan.FromSeconds(30), 20);
        var now = T0;
        for (var step = 0; step < 20_000; step++)
        {
            now = now.AddMilliseconds(random.Next(0, 400));
            var id = $"e{random.Next(0, 300)}";
            switch (random.Next(0, 10))
            {
                case < 5:
                    Assert.Equal(model.AddPrediction(id, now), join.AddPrediction(Prediction(id), now) is not null);
                    break;
                case < 9:
                    Assert.Equal(model.AddLabel(id, now), join.AddLabel(id, 1, now) is not null);
                    break;
                default:
                    model.Expire(now);
                    join.Expire(now);
                    break;
            }
            Assert.Equal(model.Counters, join.Counters);
            Assert.Equal(model.Predictions.Count, join.PendingPredictions);
            Assert.Equal(model.Labels.Count, join.WaitingLabels);
        }
        Assert.True(join.Joined > 1000 && join.ExpiredPredictions > 100 && join.UnknownLabels > 100 && join.LatePredictionsEvicted > 10
            && join.DuplicateLabels > 100 && join.DuplicatePredictions > 100, join.Counters.ToString());
    }

    /// <summary>The documented rules, written the obvious way with lists (O(n) per step).</summary>
    private sealed class PlainModel(TimeSpan horizon, int capacity)
    {
        public readonly List<(string Id, DateTimeOffset At)> Predictions = [], Labels = [], Joins = [];
        private long _joined, _unknown, _expired, _late, _dupLabels, _dupPredictions;

        public LabelJoinCounters Counters => new(_joined, _unknown, _expired, _late, _dupLabels, _dupPredictions);

        public bool AddPrediction(string id, DateTimeOffset now)
        {
            Expire(now);
            if (Labels.RemoveAll(x => x.Id == id) > 0) return Joined(id, now);
            if (Joins.Any(x => x.Id == id)) { _dupPredictions++; return false; }
            if (Predictions.RemoveAll(x => x.Id == id) > 0) _dupPredictions++;
            else if (Predictions.Count >= capacity) { Predictions.RemoveAt(0); _expired++; _late++; }
            Predictions.Add((id, now));
            return false;
        }

        public bool AddLabel(string id, DateTimeOffset now)
        {
            Expire(now);
            if (Predictions.RemoveAll(x => x.Id == id) > 0) return Joined(id, now);
            if (Joins.Any(x => x.Id == id)) { _dupLabels++; return false; }
            if (Labels.RemoveAll(x => x.Id == id) > 0) _dupLabels++;
            else if (Labels.Count >= capacity) { Labels.RemoveAt(0); _unknown++; }
            Labels.Add((id, now));
            return false;
        }

        public void Expire(DateTimeOffset now)
        {
            _expired += Predictions.RemoveAll(x => now - x.At > horizon);
            _unknown += Labels.RemoveAll(x => now - x.At > horizon);
            Joins.RemoveAll(x => now - x.At > horizon);
        }

        private bool Joined(string id, DateTimeOffset now)
        {
            if (Joins.Count >= capacity) Joins.RemoveAt(0);
            Joins.Add((id, now));
            _joined++;
            return true;
        }
    }
}
