namespace StreamMl.Core.Registry;

/// <summary>Whether an import was taken (or already known with the same bytes) and why not.</summary>
public sealed record ModelImportResult(bool Accepted, string? Reason, ServingPlan Plan) : IRegistryMessage;

/// <summary>A training run opened: its id, the version its model will be, and the champion it is judged against.</summary>
public sealed record TrainingRunStarted(string RunId, string Version, PlannedModel? Champion) : IRegistryMessage;

/// <summary>A trained model is registered; whether the gate passed it.</summary>
public sealed record TrainingRecorded(string RunId, string Version, bool Passed) : IRegistryMessage;

/// <summary>The registry recorded what it was told.</summary>
public sealed record RegistryAck : IRegistryMessage
{
    public static readonly RegistryAck Instance = new();
}

/// <summary>The answer to a promotion or rollback: the new plan, or why not.</summary>
public sealed record RegistryCommandResult(RegistryRefusal? Refusal, ServingPlan Plan) : IRegistryMessage;
