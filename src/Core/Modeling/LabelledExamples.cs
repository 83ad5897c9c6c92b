using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Modeling;

/// <summary>The labelled events of a set of examples, and how many of them are positive (label ≥ 0.5).</summary>
public sealed record LabelledExamples(IReadOnlyList<ValidEvent> Events, int Positives)
{
    public static LabelledExamples Of(IReadOnlyList<ValidEvent> examples)
    {
        var labelled = new List<ValidEvent>(examples.Count);
        var positives = 0;
        foreach (var e in examples)
        {
            if (e.Label is not { } label) continue;
            labelled.Add(e);
            if (label >= 0.5) positives++;
        }
        return new LabelledExamples(labelled, positives);
    }

    /// <summary>Whether both classes of a binary label are present.</summary>
    public bool HasBothClasses => Positives > 0 && Positives < Events.Count;
}
