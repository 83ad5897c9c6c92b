using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using LinqToDB;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Slices;
using StreamMl.Cluster.Admin;
using StreamMl.Cluster.Alerts;
using StreamMl.Cluster.Ingestion;
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(overrides);
        var settings = builder.Configuration.GetSection(NodeSettings.Section).Get<NodeSettings>() ?? new NodeSettings();
        NodeSettingsValidation.Validate(settings);
        Directory.CreateDirectory(settings.DataDirectory);

        if (settings.Persistence.Provider == "sqlite") SqliteDatabase.UseWriteAheadLog(ConnectionString(settings));
        var spec = new CompiledSpec(SpecLoader.Load(settings.Spec!));
        var models = new ModelHost();
        if (settings.Model is not null) models.Serve(LoadModel(settings.Model, spec));

        builder.WebHost.UseUrls(settings.Admin.Urls);
        builder.Services.AddSingleton(settings);
        // Statistics can be infinite (a drift from a constant reference): write them as "Infinity", not fail.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals);
        builder.Services.AddSingleton(spec);
        builder.Services.AddSingleton(models);
        builder.Services.AddAkka(SystemName, (akka, _) => ConfigureAkka(akka, settings, spec, models));
        if (settings.Cluster.EffectiveRoles.Contains(NodeRoles.Slices))
        {
            builder.Services.AddSingleton<AlertPublisher>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertPublisher>());
        }
        if (settings.Cluster.EffectiveRoles.Contains(NodeRoles.Ingest))
        {
            builder.Services.AddSingleton<IngestionService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<IngestionService>());
        }
        customize?.Invoke(builder);
        var app = builder.Build();
        AdminEndpoints.Map(app);
        return app;
    }

    /// <summary>Loads a model artifact, checking its SHA-256 against its manifest and its schema against the spec.</summary>
    public static ServingModel LoadModel(string path, CompiledSpec spec)
    {
        var (artifact, manifest) = ModelArtifact.LoadFromFile(path, spec);
        return new ServingModel(manifest.Version, artifact.Sha256, new ModelScorer(artifact.Model), TrainingProfile.Load(path));
    }

    private static void ConfigureAkka(AkkaConfigurationBuilder akka, NodeSettings settings, CompiledSpec spec, ModelHost models)
    {
        var self = $"akka.tcp://{SystemName}@{settings.Cluster.Hostname}:{settings.Cluster.Port}";
        var roles = settings.Cluster.EffectiveRoles.ToArray();
        akka.ConfigureLoggers(loggers =>
        {
            loggers.LogLevel = settings.QuietActorSystem ? Akka.Event.LogLevel.WarningLevel : Akka.Event.LogLevel.InfoLevel;
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
            .WithCustomSerializer("slices", [typeof(ISliceProtocol)], system => new SliceProtocolSerializer(system))
            .WithSqlPersistence(ConnectionString(settings), ProviderName(settings), autoInitialize: true);

        if (roles.Contains(NodeRoles.Slices))
        {
            akka.WithShardRegion<SliceRegion>(
                "slices",
                sliceId => SliceEntity.Props(sliceId, spec, version => models.ReferenceFor(sliceId, version)),
                new SliceMessageExtractor(),
                new ShardOptions
                {
                    Role = NodeRoles.Slices,
                    StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.DData,
                    ShouldPassivateIdleEntities = true,
                    PassivateIdleEntityAfter = TimeSpan.FromMinutes(5),
                    // Handed-off and passivated slices snapshot unsaved state before they stop.
                    HandOffStopMessage = StopSlice.Instance,
                });
        }
        else
        {
            akka.WithShardRegionProxy<SliceRegion>("slices", NodeRoles.Slices, new SliceMessageExtractor());
        }
    }

    private static string ConnectionString(NodeSettings settings) =>
        settings.Persistence.ConnectionString
        ?? $"Data Source={Path.Combine(settings.DataDirectory, "streamml.db")}";

    private static string ProviderName(NodeSettings settings) =>
        settings.Persistence.Provider == "postgresql" ? LinqToDB.ProviderName.PostgreSQL15 : LinqToDB.ProviderName.SQLiteMS;
}
