using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Evaluation;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Learning;

/// <summary>
/// The no-change baseline on the repository's Elec2 reproduces the independent figures, which pins the
/// prequential protocol: label delay, order, and how the events scored before any label are counted.
/// </summary>
public class NoChangeElecTests
{
    private static readonly LabelledStream Elec = LabelledStream.ReadCsv(RepoPaths.Dataset("elec.csv"), name: "elec");

    private static PrequentialReport Run(int delay) =>
        PrequentialEvaluation.Run(LearnerCatalog.Create(new OnlineLearnerSpec { Learner = LearnerCatalog.NoChange }, Elec.Schema), Elec, delay);

    [Theory]
    [InlineData(1, 85.33, 85.33)]
    [InlineData(200, 50.99, 51.00)]
    public void No_change_scores_the_independent_figures_on_elec(int delay, double everyEvent, double riverWay)
    {
        var report = Run(delay);

        Assert.Equal(45_312, report.Events);
        // Every event counted, the first d scored 0.5 → class 1 by the untrained baseline: 38,665 and 23,104 of
        // 45,312 right. (The figures; a model answering class 0 there gives the same two decimals.)
        Assert.Equal(everyEvent, Math.Round(100 * report.Accuracy!.Value, 2));
        // River skips the d predictions made before any label (its None): 38,664 of 45,311 and 23,005 of 45,112.
        // At delay 200 that reads 51.00 %, not 50.99 %: the independent figures counted every event.
        Assert.Equal(riverWay, Math.Round(100 * report.AccuracyAfterFirstLabel!.Value, 2));
    }

    [Fact]
    public void The_no_change_prediction_at_delay_d_is_the_label_of_d_events_before()
    {
        const int delay = 3;
        var model = LearnerCatalog.Create(new OnlineLearnerSpec { Learner = LearnerCatalog.NoChange }, Elec.Schema);
        var predictions = new List<double>();
        for (var t = 0; t < 50; t++)
        {
            if (t >= delay) model.Learn(Elec.Input(t - delay), Elec.Label(t - delay));
            predictions.Add(model.Predict(Elec.Input(t)));
        }

        for (var t = delay; t < 50; t++) Assert.Equal(Elec.Label(t - delay), predictions[t]);
        Assert.All(predictions.Take(delay), p => Assert.Equal(0.5, p));
    }
}
