namespace StreamMl.Cluster.Hosting;

/// <summary>
/// Everything a node is configured with, bound from the <c>StreamMl</c> configuration section
/// (appsettings, environment variables such as <c>StreamMl__Kafka__BootstrapServers</c>, or command-line options).
/// </summary>
public sealed class NodeSettings
{
    public const string Section = "StreamMl";

    /// <summary>Where the node keeps its files (the SQLite database by default). Default <c>data/node</c>.</summary>
    public string DataDirectory { get; set; } = "data/node";
    /// <summary>Path of the pipeline spec file. Required.</summary>
    public string? Spec { get; set; }
    /// <summary>Path of the model artifact (zip, with its manifest beside it). Required on ingest nodes of a batch model's spec.</summary>
    public string? Model { get; set; }
    /// <summary>Log informational messages (the actor system's, the web host's and the node's own) besides warnings and errors. Default false.</summary>
    public bool Verbose { get; set; }
    public KafkaSettings Kafka { get; set; } = new();
    public PersistenceSettings Persistence { get; set; } = new();
    public ClusterSettings Cluster { get; set; } = new();
    public AdminSettings Admin { get; set; } = new();
    public IngestionSettings Ingestion { get; set; } = new();
    public LabelSettings Labels { get; set; } = new();
    public TrainingSettings Training { get; set; } = new();
    public MetricsSettings Metrics { get; set; } = new();
    public SliceSettings Slices { get; set; } = new();
}

/// <summary>Kafka connection and topics.</summary>
public sealed class KafkaSettings
{
    /// <summary>Bootstrap servers. Required.</summary>
    public string? BootstrapServers { get; set; }
    /// <summary>Consumer group shared by the ingestion of every node. Default <c>streamml</c>.</summary>
    public string GroupId { get; set; } = "streamml";
    /// <summary>KIP-848 <c>consumer</c> (default) or <c>classic</c>.</summary>
    public string GroupProtocol { get; set; } = "consumer";
    public string EventsTopic { get; set; } = "streamml.events";
    public string LabelsTopic { get; set; } = "streamml.labels";
    public string PredictionsTopic { get; set; } = "streamml.predictions";
    public string AlertsTopic { get; set; } = "streamml.alerts";
    public string DeadLetterTopic { get; set; } = "streamml.deadletter";
    /// <summary>The label log of online models: partition 0 of this topic. Default <c>streamml.learning</c>.</summary>
    public string LearningTopic { get; set; } = "streamml.learning";
}

/// <summary>Akka.Persistence.Sql storage.</summary>
public sealed class PersistenceSettings
{
    /// <summary><c>sqlite</c> (default: a file in the data directory) or <c>postgresql</c>.</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>ADO.NET connection string; for SQLite the default is <c>Data Source={DataDirectory}/streamml.db</c>.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>A file whose content is the connection string (a mounted secret), instead of <see cref="ConnectionString"/>.</summary>
    public string? ConnectionStringFile { get; set; }
}

/// <summary>Akka.Cluster membership.</summary>
public sealed class ClusterSettings
{
    /// <summary>Host name other nodes reach this one by. Default 127.0.0.1.</summary>
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>Akka remoting port. Default 4053.</summary>
    public int Port { get; set; } = 4053;
    /// <summary>Seed node addresses (<c>akka.tcp://streamml@host:port</c>); empty means this node seeds itself.</summary>
    public List<string> SeedNodes { get; set; } = [];
    /// <summary>Roles of this node; empty (the default) means all of them: ingest, slices, trainer, admin.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>
    /// Seconds the split-brain resolver (keep majority) waits for membership to be stable before it downs unreachable
    /// nodes. Akka's default, 20 s, is for large clusters on busy networks; a small cluster on a LAN can decide sooner:
    /// with the failure detector's ~5 s to call a node unreachable, 7 s downs a dead node about 12 s after it died, and
    /// its shards (slices, label buckets) and singletons restart elsewhere then. Lower values risk downing a node that
    /// was only paused (a long GC, an overloaded host). Default 7.
    /// </summary>
    public int StableAfterSeconds { get; set; } = 7;

    /// <summary>The roles this node runs.</summary>
    public IReadOnlyList<string> EffectiveRoles => Roles.Count > 0 ? Roles : NodeRoles.All;
}

/// <summary>The admin HTTP endpoint.</summary>
public sealed class AdminSettings
{
    /// <summary>Listen address. Default <c>http://127.0.0.1:8080</c> (loopback only).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";
    /// <summary>The bearer token the actions (promote, roll back, retrain) require; without one they are refused.</summary>
    public string? Token { get; set; }
    /// <summary>A file whose content is the token (a mounted secret), instead of <see cref="Token"/>.</summary>
    public string? TokenFile { get; set; }
}

/// <summary>Batching of the ingestion pipeline.</summary>
public sealed class IngestionSettings
{
    /// <summary>Most records per batch. Default 500.</summary>
    public int BatchSize { get; set; } = 500;
    /// <summary>Longest wait to fill a batch, in milliseconds. Default 10.</summary>
    public int BatchWindowMs { get; set; } = 10;
    /// <summary>Batches in flight. Default 4.</summary>
    public int BatchesInFlight { get; set; } = 4;
    /// <summary>Milliseconds between checkpoints (slice snapshots, then stored offsets), busy or idle. Default 2000.</summary>
    public int CheckpointIntervalMs { get; set; } = 2000;
    /// <summary>
    /// Observations (one per event and slice) kept for resending until a checkpoint finds them in their slices'
    /// snapshots; at this bound answering waits for a checkpoint. It bounds memory while slices cannot snapshot (a
    /// database outage, a dead node). Default 1,000,000.
    /// </summary>
    public long MaxUnsavedObservations { get; set; } = 1_000_000;
    /// <summary>
    /// Slices a starting node wakes before it consumes, those the journal mentioned last first; 0 wakes none. Default
    /// 1,000. Every label-join bucket is woken too.
    /// </summary>
    public int WarmStartSlices { get; set; } = 1_000;
    /// <summary>The longest a starting node spends waking slices and label buckets before it consumes, in seconds; 0 skips it. Default 30.</summary>
    public int WarmStartSeconds { get; set; } = 30;
}

/// <summary>The join of late labels to predictions.</summary>
public sealed class LabelSettings
{
    /// <summary>Label-join buckets (sharded entities) event ids are spread over. Default 32; keep it fixed for a cluster's life.</summary>
    public int Buckets { get; set; } = 32;
    /// <summary>How long a prediction waits for its label, and a label for its prediction, in seconds. Default 3600.</summary>
    public int HorizonSeconds { get; set; } = 3600;
    /// <summary>Most predictions (and, separately, early labels) one bucket holds; the oldest go first. Default 100,000.</summary>
    public int Capacity { get; set; } = 100_000;
    /// <summary>
    /// The memory, in MiB, that predictions waiting for their label may take in the whole cluster, shared evenly by the
    /// buckets (by each prediction's estimated size); the oldest go first. Default 256.
    /// </summary>
    public int MaxPendingMegabytes { get; set; } = 256;

    /// <summary>The memory one bucket's waiting predictions may take.</summary>
    public long MaxPendingBytesPerBucket => Math.Max(1, (long)MaxPendingMegabytes * 1024 * 1024 / Buckets);
}

/// <summary>The shared store of labelled training examples.</summary>
public sealed class TrainingSettings
{
    /// <summary>Most labelled examples kept; older ones are trimmed. Default 500,000.</summary>
    public long MaxExamples { get; set; } = 500_000;
}

/// <summary>The node roles.</summary>
public static class NodeRoles
{
    public const string Ingest = "ingest";
    public const string Slices = "slices";
    public const string Trainer = "trainer";
    public const string Admin = "admin";
    public static readonly string[] All = [Ingest, Slices, Trainer, Admin];
}
