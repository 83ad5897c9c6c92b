using StreamMl.Core.Explanations;
using StreamMl.Core.Modeling;
using StreamMl.Core.Serving;
using Xunit;

namespace StreamMl.Tests.Explainability;

/// <summary>An explanation reads the serving set once: a model swapped in during it changes neither the model explained nor the version named.</summary>
public sealed class ServingSwapTests
{
    private static readonly Lazy<(ServingModel V1, ServingModel V2)> Models = new(() =>
    {
        var spec = ExplanationData.Spec("FastTree");
        return (new ServingModel("v1", "sha-1", new ModelScorer(ModelTrainer.Train(spec, ExplanationData.Events(1, 1500)))),
                new ServingModel("v2", "sha-2", new ModelScorer(ModelTrainer.Train(ExplanationData.Spec("LbfgsLogisticRegression"), ExplanationData.Events(9, 1500)))));
    });

    [Fact]
    public void A_model_swapped_after_the_serving_set_was_read_is_not_the_one_explained()
    {
        var (v1, v2) = Models.Value;
        var host = new ModelHost();
        host.Serve(v1);
        var e = ExplanationData.Events(3, 1)[0];

        var served = ServingExplanations.Served(host, "v1")!;
        host.Serve(v2);
        var explanation = ServingExplanations.Explain(served, e);

        Assert.Equal("v1", explanation.ModelVersion);
        Assert.Equal(v1.Scorer.Score([e])[0].Score, explanation.Prediction.Score);
        Assert.Null(ServingExplanations.Served(host, "v1"));
    }

    [Fact]
    public async Task Explanations_taken_while_models_swap_name_the_version_whose_numbers_they_carry()
    {
        var (v1, v2) = Models.Value;
        var host = new ModelHost();
        host.Serve(v1);
        var events = ExplanationData.Events(4, 200);
        var expected = new Dictionary<string, (double[] Scores, double Base)>
        {
            ["v1"] = (v1.Scorer.Score(events).Select(s => s.Score).ToArray(), ServingExplanations.Explain(v1, events[0]).BaseValue),
            ["v2"] = (v2.Scorer.Score(events).Select(s => s.Score).ToArray(), ServingExplanations.Explain(v2, events[0]).BaseValue),
        };
        using var stop = new CancellationTokenSource();
        var swaps = 0;
        var swapper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                host.Serve(swaps++ % 2 == 0 ? v2 : v1);
                Thread.SpinWait(50);
            }
        });
        var seen = new HashSet<string>();
        try
        {
            // The swapper must be running before the explanations start, and they go on until both versions were seen
            // (a loaded machine may schedule the swapper late), for at most a few seconds.
            SpinWait.SpinUntil(() => Volatile.Read(ref swaps) > 2, TimeSpan.FromSeconds(10));
            var until = DateTime.UtcNow.AddSeconds(10);
            for (var round = 0; round < 10 || (seen.Count < 2 && DateTime.UtcNow < until); round++)
                for (var i = 0; i < events.Length; i++)
                {
                    var explanation = ServingExplanations.ExplainChampion(host, events[i])!;
                    seen.Add(explanation.ModelVersion);
                    var (scores, baseValue) = expected[explanation.ModelVersion];
                    Assert.Equal(scores[i], explanation.Prediction.Score);
                    Assert.Equal(baseValue, explanation.BaseValue);
                }
        }
        finally
        {
            stop.Cancel();
            await swapper;
        }
        Assert.Equal(["v1", "v2"], seen.Order());
    }
}
