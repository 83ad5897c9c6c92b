using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.OnlineLearning;

namespace StreamMl.Core.Serving;

/// <summary>Scores with this node's replica of an online model, which keeps learning from the label log between two batches.</summary>
public sealed class OnlineScorer(LearnerReplica replica) : IEventScorer
{
    public LearnerReplica Replica => replica;

    public ModelScore[] Score(IReadOnlyList<ValidEvent> events) => Answer(events, DateTimeOffset.UtcNow).Scores;

    /// <summary>The scores with the model's update count, its lag behind the log and the labels it read as inputs.</summary>
    public OnlineAnswer Answer(IReadOnlyList<ValidEvent> events, DateTimeOffset now) => replica.Score(events, now.ToUnixTimeMilliseconds());
}
