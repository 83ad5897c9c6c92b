using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using LinqToDB;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Learning;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Protocol;
using StreamMl.Actors.Resilience;
using StreamMl.Core.Serving;
using StreamMl.Actors.Slices;
using StreamMl.Cluster.Admin;
using StreamMl.Cluster.Alerts;
using StreamMl.Cluster.Ingestion;
using StreamMl.Cluster.Learning;
using StreamMl.Core.OnlineLearning;
using StreamMl.Streams.Learning;
using StreamMl.Storage;
using StreamMl.Cluster.Operations;
using StreamMl.Actors.Operations;
using StreamMl.Core.Registry;
using StreamMl.Core.Modeling;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;

namespace StreamMl.Cluster.Hosting;

/// <summary>Builds a StreamMl node: the actor system, the admin endpoint and, on ingest nodes, the ingestion service.</summary>
public static class NodeHost
{
    public const string SystemName = "streamml";

    /// <summary>Builds a node from configuration; <paramref name="overrides"/> (e.g. command-line options) win over it.</summary>
    /// <param name="overrides">Configuration keys that win over every other source.</param>
    /// <param name="customize">A last say over the host, e.g. a test's logging.</param>
    public static WebApplication Build(IDictionary<string, string?> overrides, Action<WebApplicationBuilder>? customize = null)
    {
        // The settings are bound once, at start: no watcher on appsettings.json, which would watch the content root with
        // every directory under it (the default data directory, written at every checkpoint, among them).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Configuration.AddInMemoryCollection(overrides);
        var settings = Bind(builder.Configuration);
        SecretFiles.Apply(settings);
        NodeSettingsValidation.Validate(settings);
        Directory.CreateDirectory(settings.DataDirectory);

        if (settings.Persistence.Provider == "sqlite") SqliteDatabase.UseWriteAheadLog(ConnectionString(settings));
        var spec = new CompiledSpec(SpecLoader.Load(settings.Spec!));
        var models = new ModelHost();
        if (settings.Model is not null) models.Serve(LoadModel(settings.Model, spec));
        var stores = SqlStores.Create(settings.Persistence.Provider, NodeHost.ConnectionString(settings));

        builder.WebHost.UseUrls(settings.Admin.Urls);
        builder.WebHost.ConfigureKestrel(ErrorResponses.ConfigureKestrel);
        builder.Logging.SetMinimumLevel(settings.Verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.AddSingleton(settings);
        // Statistics can be infinite (a drift from a constant reference): write them as "Infinity", not fail.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals);
        builder.Services.AddSingleton(spec);
        builder.Services.AddSingleton(models);
        builder.Services.AddSingleton(stores.Examples);
        builder.Services.AddSingleton(stores.Artifacts);
        builder.Services.AddAkka(SystemName, (akka, _) => ConfigureAkka(akka, settings, spec, models, stores));
        OperatorSurface.AddServices(builder.Services, settings);
        builder.Services.AddSingleton<NodeProducer>();
        builder.Services.AddSingleton<AlertPublisher>();
        if (!string.IsNullOrWhiteSpace(settings.Kafka.BootstrapServers)) OnlineLearningServices.Add(builder.Services, settings);
        if (settings.Cluster.EffectiveRoles.Contains(NodeRoles.Ingest))
        {
            builder.Services.AddHostedService<ModelImportService>();
            builder.Services.AddSingleton<WarmStart>();
            builder.Services.AddSingleton<IngestionService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<IngestionService>());
            builder.Services.AddSingleton<LabelIngestionService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<LabelIngestionService>());
        }
        customize?.Invoke(builder);
        var app = builder.Build();
        ErrorResponses.Use(app);
        AdminEndpoints.Map(app);
        ExplainEndpoints.Map(app);
        ModelEndpoints.Map(app);
        OnlineModelEndpoints.Map(app);
        OperatorSurface.Map(app);
        return app;
    }

    /// <summary>The node's settings; a value that does not convert (a port that is not a number, say) is a usage error naming its key.</summary>
    private static NodeSettings Bind(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(NodeSettings.Section).Get<NodeSettings>() ?? new NodeSettings();
        }
        catch (InvalidOperationException e)
        {
            throw new Commands.UsageException(e.Message);
        }
    }

    /// <summary>Loads a model artifact, checking its SHA-256 against its manifest and its schema against the spec.</summary>
    public static ServingModel LoadModel(string path, CompiledSpec spec)
    {
        var (artifact, manifest) = ModelArtifact.LoadFromFile(path, spec);
        return new ServingModel(manifest.Version, artifact.Sha256, new ModelScorer(artifact.Model), TrainingProfile.Load(path));
    }

    /// <summary>The name a node reports its deployments under: its cluster address.</summary>
    public static string NodeName(NodeSettings settings) => $"{settings.Cluster.Hostname}:{settings.Cluster.Port}";

    private static void ConfigureAkka(AkkaConfigurationBuilder akka, NodeSettings settings, CompiledSpec spec, ModelHost models, SqlStores stores)
    {
        var self = $"akka.tcp://{SystemName}@{settings.Cluster.Hostname}:{settings.Cluster.Port}";
        var roles = settings.Cluster.EffectiveRoles.ToArray();
        akka.ConfigureLoggers(loggers =>
        {
            loggers.LogLevel = settings.Verbose ? Akka.Event.LogLevel.InfoLevel : Akka.Event.LogLevel.WarningLevel;
            loggers.ClearLoggers();
            loggers.AddLoggerFactory();
        });
        akka.WithRemoting(new RemoteOptions { HostName = settings.Cluster.Hostname, Port = settings.Cluster.Port })
            .WithClustering(new ClusterOptions
            {
                Roles = roles,
                SeedNodes = settings.Cluster.SeedNodes.Count > 0 ? settings.Cluster.SeedNodes.ToArray() : [self],
                SplitBrainResolver = new KeepMajorityOption(),
            })
            // Akka.Hosting has no typed option for the resolver's timing: how long membership must be stable before
            // it downs the unreachable side (see ClusterSettings.StableAfterSeconds).
            .AddHocon($"akka.cluster.split-brain-resolver.stable-after = {settings.Cluster.StableAfterSeconds}s", HoconAddMode.Prepend)
            .WithCustomSerializer("slices", [typeof(ISliceProtocol)], system => new SliceProtocolSerializer(system))
            .WithCustomSerializer("registry", [typeof(IRegistryMessage), typeof(IRegistryEvent), typeof(IRegistryQuery), typeof(ServingPlan), typeof(RegistrySnapshot)],
                system => new RegistryProtocolSerializer(system))
            .WithCustomSerializer("retraining", [typeof(IRetrainingProtocol)], system => new RetrainingProtocolSerializer(system))
            .WithCustomSerializer("serving", [typeof(IServingProtocol)], system => new ServingProtocolSerializer(system))
            .WithCustomSerializer("labels", [typeof(ILabelProtocol)], system => new LabelProtocolSerializer(system))
            .WithCustomSerializer("slice-figures", [typeof(Core.Operations.SliceFigures)], system => new SliceFiguresSerializer(system))
            .WithSqlPersistence(ConnectionString(settings), ProviderName(settings), autoInitialize: true)
            // After a database outage the journal and snapshot store fail fast until their circuit breaker half-opens:
            // 5 s instead of 30 s, so that the restarting registry and slices recover within seconds of the database.
            .AddHocon("""
                akka.persistence.journal.sql.circuit-breaker.reset-timeout = 5s
                akka.persistence.snapshot-store.sql.circuit-breaker.reset-timeout = 5s
                """, HoconAddMode.Prepend)
            // The slice directory follows the journal with a persistence query: poll it every 250 ms, not every second.
            .AddHocon(SliceDirectoryService.QueryHocon, HoconAddMode.Prepend)
            .WithDistributedPubSub(role: null!);

        // The registry may live on any node; the coordinator only where training runs.
        akka.WithSingleton<ModelRegistryProxy>("model-registry",
            RestartAfterStop.Props(ModelRegistryActor.Props(), "registry", RegistryUnavailable.Instance), Singleton(), createProxyToo: true);
        if (roles.Contains(NodeRoles.Trainer))
            akka.WithSingleton<RetrainingCoordinatorProxy>("retraining-coordinator",
                (_, registry, _) => RetrainingCoordinator.Props(spec, stores.Examples, registry.Get<ModelRegistryProxy>()),
                Singleton(NodeRoles.Trainer), createProxyToo: true);
        else
            akka.WithSingletonProxy<RetrainingCoordinatorProxy>("retraining-coordinator", Singleton(NodeRoles.Trainer));
        if (roles.Contains(NodeRoles.Trainer))
        {
            akka.WithSingleton<PrequentialJudge>(PrequentialJudge.Name,
                (_, registry, _) => PrequentialJudge.Props(spec, registry.Get<ModelRegistryProxy>()), Singleton(NodeRoles.Trainer), createProxyToo: false);
            if (spec.Spec.Model.Online is not null && !string.IsNullOrWhiteSpace(settings.Kafka.BootstrapServers))
                akka.WithSingleton<OnlineDriftReaction>(OnlineDriftReaction.Name,
                    (_, registry, resolver) => OnlineDriftReaction.Props(spec, resolver.GetService<IOnlineModelControl>(), registry.Get<ModelRegistryProxy>()),
                    Singleton(NodeRoles.Trainer), createProxyToo: false);
        }

        var labelHorizon = TimeSpan.FromSeconds(settings.Labels.HorizonSeconds);
        akka.WithActors((system, registry, resolver) =>
        {
            // Every node may host the registry singleton, whose model alerts go out through the publisher too.
            registry.Register<AlertSubscriber>(system.ActorOf(AlertSubscriber.Props(resolver.GetService<AlertPublisher>()), AlertSubscriber.Name));
            if (roles.Contains(NodeRoles.Ingest) || roles.Contains(NodeRoles.Slices))
                registry.Register<ExampleWriter>(system.ActorOf(ExampleWriter.Props(stores.Examples, settings.Training.MaxExamples), ExampleWriter.Name));
            if (roles.Contains(NodeRoles.Ingest))
                registry.Register<ModelDeployer>(system.ActorOf(
                    ModelDeployer.Props(models, stores.Artifacts, spec, NodeName(settings), registry.Get<ModelRegistryProxy>(),
                        resolver.GetService<IOnlineModelLoader>()), ModelDeployer.Name));
            if (roles.Contains(NodeRoles.Trainer))
                registry.Register<TrainerActor>(system.ActorOf(
                    TrainerActor.Props(spec, stores.Examples, stores.Artifacts, registry.Get<ModelRegistryProxy>()), TrainerActor.Name));
            if (!roles.Contains(NodeRoles.Slices)) return;
            registry.Register<DriftAlarmRelay>(system.ActorOf(DriftAlarmRelay.Props(), DriftAlarmRelay.Name));
            registry.Register<SliceFiguresWriter>(system.ActorOf(SliceFiguresWriter.Props(), SliceFiguresWriter.Name));
        });

        if (roles.Contains(NodeRoles.Slices))
        {
            akka.WithShardRegion<SliceRegion>(
                "slices",
                sliceId => RestartAfterStop.Props(SliceEntity.Props(sliceId, spec, version => models.ReferenceFor(sliceId, version)), "slice",
                    SliceUnavailable.Instance, finalStop: message => message is StopSlice),
                new SliceMessageExtractor(),
                new ShardOptions
                {
                    Role = NodeRoles.Slices,
                    StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.DData,
                    ShouldPassivateIdleEntities = true,
                    PassivateIdleEntityAfter = TimeSpan.FromSeconds(settings.Slices.PassivateIdleAfterSeconds),
                    // Handed-off and passivated slices snapshot unsaved state before they stop.
                    HandOffStopMessage = StopSlice.Instance,
                });
        }
        else
        {
            akka.WithShardRegionProxy<SliceRegion>("slices", NodeRoles.Slices, new SliceMessageExtractor());
        }

        if (roles.Contains(NodeRoles.Slices))
        {
            akka.WithShardRegion<LabelJoinRegion>(
                "label-joins",
                (system, registry, resolver) =>
                {
                    var outcomes = system.ActorOf(SliceOutcomeBatcher.Props(registry.Get<SliceRegion>()), SliceOutcomeBatcher.Name);
                    return bucket => LabelJoinEntity.Props(bucket, labelHorizon, settings.Labels.Capacity, settings.Labels.MaxPendingBytesPerBucket,
                        outcomes, registry.Get<ExampleWriter>(), resolver.GetService<ILearningLog>());
                },
                new LabelJoinMessageExtractor(settings.Labels.Buckets),
                // Pending predictions live in memory only: a bucket never passivates while it holds them.
                new ShardOptions { Role = NodeRoles.Slices, StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.DData, ShouldPassivateIdleEntities = false });
        }
        else
        {
            akka.WithShardRegionProxy<LabelJoinRegion>("label-joins", NodeRoles.Slices, new LabelJoinMessageExtractor(settings.Labels.Buckets));
        }
    }

    /// <summary>
    /// A singleton's options. Its proxy does not log failures to find the singleton: it logs one at its first attempt,
    /// while a starting cluster is still electing the singleton's node, claiming 30 s had passed. A singleton that is
    /// really missing shows as 503 answers of the admin endpoint.
    /// </summary>
    private static ClusterSingletonOptions Singleton(string? role = null) => new()
    {
        Role = role,
        LogSingletonIdentificationFailure = false,
    };

    /// <summary>The database of the node's journal, snapshots and stores: the configured one, or the SQLite file in the data directory.</summary>
    public static string ConnectionString(NodeSettings settings) =>
        settings.Persistence.ConnectionString ?? $"Data Source={Path.Combine(settings.DataDirectory, "streamml.db")}";

    private static string ProviderName(NodeSettings settings) =>
        settings.Persistence.Provider == "postgresql" ? LinqToDB.ProviderName.PostgreSQL15 : LinqToDB.ProviderName.SQLiteMS;
}
