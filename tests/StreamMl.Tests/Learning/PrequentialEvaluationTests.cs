using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Evaluation;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Learning;

/// <summary>The evaluator's protocol: what a model may know when it scores event t, and what it learns, in which order.</summary>
public class PrequentialEvaluationTests
{
    /// <summary>A stream whose one numeric feature is the event's index, labels alternating in runs.</summary>
    private static LabelledStream Indexed(int n)
    {
        var schema = new LearnerSchema(["index"], [], LabelKind.Binary);
        var x = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => (double)(i / 3 % 2)).ToArray();
        return new LabelledStream("indexed", schema, x, [], labels);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(5, 0)]
    [InlineData(5, 3)]
    [InlineData(40, 2)]
    public void A_prediction_uses_only_labels_of_events_at_least_delay_before_and_each_label_is_learnt_once_in_order(int delay, int history)
    {
        var stream = Indexed(60);
        // The recorder sits where the catalogue's learner would, so the label history takes the production path.
        var historyInputs = new LabelHistoryInputs(stream.Schema, history);
        var recorder = new RecordingLearner(historyInputs.Extended);
        var model = new OnlineModel(new OnlineLearnerSpec { Learner = LearnerCatalog.NoChange, LabelHistory = history }, stream.Schema, historyInputs, recorder);

        PrequentialEvaluation.Run(model, stream, delay);

        Assert.Equal(Enumerable.Range(0, 60), recorder.Learnt.Select(e => e.Index));
        foreach (var (index, known, revealed) in recorder.Scored)
        {
            // Known when event `index` was scored: every event up to index − delay, nothing later.
            Assert.Equal(Math.Max(0, index - delay + 1), known);
            for (var i = 0; i < history; i++)
            {
                var source = index - delay - i;
                Assert.Equal(source >= 0 ? stream.Label(source) : double.NaN, revealed[i]);
            }
        }
        // An event is learnt with the very history it was scored with.
        foreach (var (index, _, revealed) in recorder.Learnt)
            Assert.Equal(recorder.Scored[index].Revealed, revealed);
    }

    [Fact]
    public void The_report_counts_every_event_and_measures_the_state()
    {
        var stream = Indexed(100);
        var model = LearnerCatalog.Create(new OnlineLearnerSpec { Learner = LearnerCatalog.NoChange }, stream.Schema);

        var report = PrequentialEvaluation.Run(model, stream, delay: 1);

        // Runs of three: the previous label is right twice in three; event 0 is scored 0.5 → 1, wrong.
        Assert.Equal(100, report.Quality.Count);
        Assert.Equal(Enumerable.Range(1, 99).Count(t => stream.Label(t) == stream.Label(t - 1)) / 100.0, report.Accuracy);
        Assert.Equal(model.Save().Length, report.StateBytes);
        Assert.Equal(model.StateSha256(), report.StateSha256);
        Assert.True(report.MicrosecondsPerLearn > 0 && report.MicrosecondsPerPredict > 0);
    }

    /// <summary>Remembers, for each call, the event's index, how many events it had learnt, and the revealed labels it was given.</summary>
    private sealed class RecordingLearner(LearnerSchema schema) : IOnlineLearner
    {
        public List<(int Index, int Known, double[] Revealed)> Scored { get; } = [];
        public List<(int Index, int Known, double[] Revealed)> Learnt { get; } = [];
        public LearnerSchema Schema { get; } = schema;
        public long Updates => Learnt.Count;
        public long MemoryBytes => 0;

        public double Predict(in LearnerInput input)
        {
            Scored.Add(Record(input));
            return 0.5;
        }

        public void Learn(in LearnerInput input, double label, double weight = 1) => Learnt.Add(Record(input));

        public void WriteState(BinaryWriter writer) => writer.Write(Learnt.Count);

        public void ReadState(BinaryReader reader) => reader.ReadInt32();

        private (int, int, double[]) Record(in LearnerInput input)
        {
            var revealed = new double[input.Categorical.Length];
            for (var i = 0; i < revealed.Length; i++) revealed[i] = input.Categorical[i] is { } v ? double.Parse(v) : double.NaN;
            return ((int)input.Numeric[0], Learnt.Count, revealed);
        }
    }
}
