using System.Diagnostics;
using StreamMl.Core.Modeling;
using Xunit.Abstractions;
using Xunit;

namespace StreamMl.Tests.Modeling;

public sealed class ScorerTests(ITestOutputHelper output)
{
    private static readonly Lazy<TrainedModel> Model = new(() => ModelTrainer.Train(ElecData.Spec, ElecData.Range(0, 5_000)));

    [Fact]
    public void Four_threads_at_once_score_as_one_thread_does()
    {
        var scorer = new ModelScorer(Model.Value);
        var batches = Enumerable.Range(0, 40).Select(i => ElecData.Range(5_000 + i * 250, 250)).ToArray();
        var expected = batches.Select(b => scorer.Score(b)).ToArray();

        var actual = new ModelScore[batches.Length][];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var round = 0; round < 3; round++)
                for (var i = t; i < batches.Length; i += 4)
                    actual[i] = scorer.Score(batches[i]);
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        for (var i = 0; i < batches.Length; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void Scores_agree_with_the_evaluator()
    {
        var scorer = new ModelScorer(Model.Value);
        var batch = ElecData.Range(5_000, 2_000);
        var scores = scorer.Score(batch);

        var accuracy = Enumerable.Range(0, batch.Length).Count(i => scores[i].PredictedLabel == (batch[i].Label == 1)) / (double)batch.Length;
        Assert.Equal(ModelEvaluation.Evaluate(Model.Value, batch).Accuracy!.Value, accuracy, 6);
    }

    [Fact]
    public void An_empty_batch_gives_no_scores() => Assert.Empty(new ModelScorer(Model.Value).Score([]));

    [Fact]
    public void Throughput()
    {
        var fastTree = ElecData.WithModel("FastTree", new() { ["numberOfTrees"] = 100, ["numberOfLeaves"] = 20, ["learningRate"] = 0.2 });
        foreach (var model in new[] { Model.Value, ModelTrainer.Train(fastTree, ElecData.Range(0, 5_000)) })
        {
            var scorer = new ModelScorer(model);
            foreach (var size in new[] { 1, 100, 1_000 })
            {
                var batch = ElecData.Range(10_000, size);
                output.WriteLine($"{model.Training!.Trainer,-24} batch {size,5}: {Rate(batch, scorer.Score),12:N0} events/s");
            }
        }
    }

    private static double Rate(IReadOnlyList<Core.Ingestion.ValidEvent> batch, Func<IReadOnlyList<Core.Ingestion.ValidEvent>, ModelScore[]> score)
    {
        for (var i = 0; i < 3; i++) score(batch);
        var events = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 300)
        {
            score(batch);
            events += batch.Count;
        }
        return events / clock.Elapsed.TotalSeconds;
    }
}
