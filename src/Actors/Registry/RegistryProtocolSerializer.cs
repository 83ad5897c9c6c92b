using System.Text.Json;
using Akka.Actor;
using StreamMl.Actors.Protocol;
using StreamMl.Core.Registry;

namespace StreamMl.Actors.Registry;

/// <summary>The model registry's protocol: commands and replies, queries, journal events and snapshots.</summary>
public sealed class RegistryProtocolSerializer(ExtendedActorSystem system) : ProtocolSerializer(system, "registry", Manifests, Aliases)
{
    public const int Id = 4103;

    /// <summary>The journal events' manifests; also the names a snapshot keeps them under.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Events = new Dictionary<Type, string>
    {
        [typeof(ModelImported)] = "EI",
        [typeof(TrainingRequested)] = "ER",
        [typeof(TrainingSnapshotTaken)] = "ES",
        [typeof(ModelTrained)] = "ET",
        [typeof(ModelEvaluated)] = "EE",
        [typeof(GateDecided)] = "EG",
        [typeof(TrainingFailed)] = "EF",
        [typeof(ModelPromoted)] = "EP",
        [typeof(ModelRolledBack)] = "EB",
        [typeof(ModelDeployed)] = "ED",
        [typeof(ModelRefused)] = "EX",
        [typeof(OnlineModelStarted)] = "EO",
        [typeof(OnlineCheckpointRecorded)] = "EC",
        [typeof(OnlineModelReset)] = "EZ",
        [typeof(ChallengerJudged)] = "EJ",
    };

    private static readonly Dictionary<Type, string> Manifests = new Dictionary<Type, string>
    {
        [typeof(ImportModel)] = "CI",
        [typeof(StartTrainingRun)] = "CR",
        [typeof(RecordSnapshot)] = "CS",
        [typeof(RecordTrainingResult)] = "CT",
        [typeof(RecordTrainingFailure)] = "CF",
        [typeof(PromoteModel)] = "CP",
        [typeof(RollBackModel)] = "CB",
        [typeof(ReportDeployment)] = "CD",
        [typeof(StartOnlineModel)] = "CO",
        [typeof(RecordOnlineCheckpoint)] = "CC",
        [typeof(RecordOnlineReset)] = "CZ",
        [typeof(RecordPrequentialJudgement)] = "CJ",
        [typeof(OnlineModelRegistered)] = "AO",
        [typeof(ModelImportResult)] = "AI",
        [typeof(TrainingRunStarted)] = "AR",
        [typeof(TrainingRecorded)] = "AT",
        [typeof(RegistryAck)] = "AA",
        [typeof(RegistryCommandResult)] = "AC",
        [typeof(GetModels)] = "QM",
        [typeof(ModelsReply)] = "RM",
        [typeof(GetModel)] = "QV",
        [typeof(ModelReply)] = "RV",
        [typeof(GetLineage)] = "QL",
        [typeof(LineageReply)] = "RL",
        [typeof(GetServingPlan)] = "QP",
        [typeof(ServingPlan)] = "RP",
        [typeof(RegistryUnavailable)] = "RU",
        [typeof(RegistrySnapshot)] = "SN",
    }.Concat(Events).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Journals written before the manifests were short name each event by its type name.</summary>
    private static readonly Dictionary<string, Type> Aliases = Events.Keys.ToDictionary(t => t.Name, t => t, StringComparer.Ordinal);

    public override int Identifier => Id;

    /// <summary>An event as a snapshot keeps it.</summary>
    public static RegistrySnapshotEvent ToSnapshot(long sequence, IRegistryEvent e) =>
        new(sequence, Events[e.GetType()], JsonSerializer.SerializeToElement(e, e.GetType(), Options));

    /// <summary>An event of a snapshot.</summary>
    public static IRegistryEvent FromSnapshot(RegistrySnapshotEvent e)
    {
        var type = Events.FirstOrDefault(p => p.Value == e.Manifest).Key
            ?? throw new System.Runtime.Serialization.SerializationException($"unknown registry event manifest '{e.Manifest}' in a snapshot");
        return (IRegistryEvent)e.Event.Deserialize(type, Options)!;
    }
}
