using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.Serving;

namespace StreamMl.Core.Explanations;

/// <summary>Explains batch (ML.NET) models' predictions: a trained or loaded model, a serving model, or what a node serves.</summary>
/// <remarks>
/// A node may swap its models at any moment (<see cref="ModelHost.Serve(ServingSet)"/>). An explanation therefore
/// reads the serving set once, picks the <see cref="ServingModel"/> instance of the version asked for, and takes
/// both the model and the version it names from that one instance: a swap during the explanation changes neither.
/// </remarks>
public static class ServingExplanations
{
    /// <summary>Explains a model's prediction for an event, naming <paramref name="modelVersion"/>.</summary>
    /// <exception cref="ExplanationException">The model cannot be explained (no tree covers, an unknown predictor).</exception>
    public static Explanation Explain(TrainedModel model, ValidEvent e, string modelVersion)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(e);
        return BatchModelExplainer.For(model).Explain(e, modelVersion);
    }

    /// <summary>Explains a serving model's prediction; the explanation names the model's own version.</summary>
    public static Explanation Explain(ServingModel model, ValidEvent e)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Scorer switch
        {
            ModelScorer batch => Explain(batch.Model, e, model.Version),
            OnlineScorer online => online.Replica.Explain(e),
            var other => throw new ExplanationException($"model {model.Version} is scored by {other.GetType().Name}, which cannot be explained"),
        };
    }

    /// <summary>The model of a version this node serves right now (champion or challenger), from one read of the serving set; null when it serves no such version.</summary>
    public static ServingModel? Served(ModelHost host, string version)
    {
        ArgumentNullException.ThrowIfNull(host);
        var set = host.Current;
        if (set is null) return null;
        if (set.Champion.Version == version) return set.Champion;
        return set.Challenger is { } challenger && challenger.Version == version ? challenger : null;
    }

    /// <summary>Explains with the champion the node serves now (one read of the serving set); null before it serves any model.</summary>
    public static Explanation? ExplainChampion(ModelHost host, ValidEvent e)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Current?.Champion is { } champion ? Explain(champion, e) : null;
    }

    /// <summary>Explains with the version the node serves, or null when it serves no such version now.</summary>
    public static Explanation? ExplainServed(ModelHost host, string version, ValidEvent e) =>
        Served(host, version) is { } model ? Explain(model, e) : null;
}
