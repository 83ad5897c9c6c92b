using Akka.Actor;
using StreamMl.Actors.Protocol;

namespace StreamMl.Actors.Retraining;

/// <summary>The retraining protocol: alarms, requests, runs and their outcome.</summary>
public sealed class RetrainingProtocolSerializer(ExtendedActorSystem system) : ProtocolSerializer(system, "retraining", new Dictionary<Type, string>
{
    [typeof(DriftAlarmObserved)] = "DA",
    [typeof(RequestRetraining)] = "RR",
    [typeof(GetRetrainingStatus)] = "QS",
    [typeof(RetrainingStatus)] = "RS",
    [typeof(TrainModel)] = "TM",
    [typeof(TrainingRunAccepted)] = "TA",
    [typeof(TrainingRunFinished)] = "TF",
})
{
    public const int Id = 4104;

    public override int Identifier => Id;
}
