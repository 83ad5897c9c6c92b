using StreamMl.Cluster.Commands;

namespace StreamMl.Cluster.Hosting;

/// <summary>Checks node settings before anything starts; each message names the setting.</summary>
public static class NodeSettingsValidation
{
    public static void Validate(NodeSettings s)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(s.Spec)) errors.Add("StreamMl:Spec (--spec) is required");
        else if (!File.Exists(s.Spec)) errors.Add($"StreamMl:Spec (--spec): file '{s.Spec}' does not exist");
        var ingest = s.Cluster.EffectiveRoles.Contains(NodeRoles.Ingest);
        if (ingest && string.IsNullOrWhiteSpace(s.Model))
        {
            if (!LearnsOnline(s.Spec)) errors.Add("StreamMl:Model (--model) is required on an ingest node unless the spec's model.kind is online");
        }
        else if (ingest && !File.Exists(s.Model)) errors.Add($"StreamMl:Model (--model): file '{s.Model}' does not exist");
        if (ingest && string.IsNullOrWhiteSpace(s.Kafka.BootstrapServers)) errors.Add("StreamMl:Kafka:BootstrapServers (--bootstrap-servers) is required on an ingest node");
        if (s.Kafka.GroupProtocol is not ("consumer" or "classic")) errors.Add($"StreamMl:Kafka:GroupProtocol: '{s.Kafka.GroupProtocol}' is not 'consumer' or 'classic'");
        if (s.Persistence.Provider is not ("sqlite" or "postgresql")) errors.Add($"StreamMl:Persistence:Provider (--persistence): '{s.Persistence.Provider}' is not 'sqlite' or 'postgresql'");
        if (s.Persistence.Provider == "postgresql" && string.IsNullOrWhiteSpace(s.Persistence.ConnectionString))
            errors.Add("StreamMl:Persistence:ConnectionString (--connection-string) is required for postgresql");
        if (s.Cluster.Port is < 0 or > 65535) errors.Add($"StreamMl:Cluster:Port (--cluster-port): {s.Cluster.Port} is not a port");
        if (s.Cluster.StableAfterSeconds is < 1 or > 3600) errors.Add($"StreamMl:Cluster:StableAfterSeconds: {s.Cluster.StableAfterSeconds} is not between 1 and 3600");
        foreach (var role in s.Cluster.Roles)
            if (!NodeRoles.All.Contains(role)) errors.Add($"StreamMl:Cluster:Roles (--roles): unknown role '{role}'");
        foreach (var seed in s.Cluster.SeedNodes)
            if (!seed.StartsWith("akka.tcp://", StringComparison.Ordinal)) errors.Add($"StreamMl:Cluster:SeedNodes (--seed-nodes): '{seed}' is not an akka.tcp:// address");
        if (!Uri.TryCreate(s.Admin.Urls.Split(';')[0], UriKind.Absolute, out _)) errors.Add($"StreamMl:Admin:Urls (--admin-urls): '{s.Admin.Urls}' is not a URL");
        if (s.Ingestion.BatchSize < 1) errors.Add("StreamMl:Ingestion:BatchSize must be at least 1");
        if (s.Ingestion.BatchWindowMs < 1) errors.Add("StreamMl:Ingestion:BatchWindowMs must be at least 1");
        if (s.Ingestion.CheckpointIntervalMs < 10) errors.Add("StreamMl:Ingestion:CheckpointIntervalMs must be at least 10");
        if (s.Ingestion.BatchesInFlight < 1) errors.Add("StreamMl:Ingestion:BatchesInFlight must be at least 1");
        if (s.Ingestion.WarmStartSlices < 0) errors.Add($"StreamMl:Ingestion:WarmStartSlices: {s.Ingestion.WarmStartSlices} must be 0 or more");
        if (s.Ingestion.WarmStartSeconds < 0) errors.Add($"StreamMl:Ingestion:WarmStartSeconds: {s.Ingestion.WarmStartSeconds} must be 0 or more");
        if (s.Ingestion.MaxUnsavedObservations < 1) errors.Add($"StreamMl:Ingestion:MaxUnsavedObservations: {s.Ingestion.MaxUnsavedObservations} must be at least 1");
        if (s.Labels.Buckets is < 1 or > 10_000) errors.Add($"StreamMl:Labels:Buckets: {s.Labels.Buckets} is not between 1 and 10000");
        if (s.Labels.HorizonSeconds < 1) errors.Add($"StreamMl:Labels:HorizonSeconds: {s.Labels.HorizonSeconds} must be at least 1");
        if (s.Labels.Capacity < 1) errors.Add($"StreamMl:Labels:Capacity: {s.Labels.Capacity} must be at least 1");
        if (s.Labels.MaxPendingMegabytes < 1) errors.Add($"StreamMl:Labels:MaxPendingMegabytes: {s.Labels.MaxPendingMegabytes} must be at least 1");
        if (s.Training.MaxExamples < 1) errors.Add($"StreamMl:Training:MaxExamples: {s.Training.MaxExamples} must be at least 1");
        if (s.Slices.PassivateIdleAfterSeconds < 1) errors.Add($"StreamMl:Slices:PassivateIdleAfterSeconds: {s.Slices.PassivateIdleAfterSeconds} must be at least 1");
        if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));
    }

    /// <summary>Whether the spec file describes an online model; false when it cannot be read (its errors are reported when it is loaded).</summary>
    private static bool LearnsOnline(string? spec)
    {
        if (spec is null || !File.Exists(spec)) return false;
        try
        {
            return Core.Spec.SpecLoader.Load(spec).Model.IsOnline;
        }
        catch (Exception e) when (e is Core.Spec.SpecException or IOException or System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
