using Akka.Actor;
using StreamMl.Actors.Protocol;

namespace StreamMl.Actors.Labels;

/// <summary>The label join's protocol: predictions that wait, labels that arrive, and the buckets' counters.</summary>
public sealed class LabelProtocolSerializer(ExtendedActorSystem system) : ProtocolSerializer(system, "label", new Dictionary<Type, string>
{
    [typeof(PredictionsIssued)] = "PI",
    [typeof(LabelsArrived)] = "LA",
    [typeof(LabelsAccepted)] = "LC",
    [typeof(GetLabelJoinCounters)] = "QC",
    [typeof(LabelJoinCountersReply)] = "RC",
})
{
    public const int Id = 4106;

    public override int Identifier => Id;
}
