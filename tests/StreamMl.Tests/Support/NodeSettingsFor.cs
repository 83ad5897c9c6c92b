namespace StreamMl.Tests.Support;

/// <summary>The node settings of a test: its broker and its persistence, with a fresh PostgreSQL database when asked for.</summary>
public static class NodeSettingsFor
{
    /// <summary>Settings on <paramref name="provider"/> (sqlite or postgresql); the caller disposes the database it gets back.</summary>
    public static Dictionary<string, string?> Persistence(string bootstrapServers, string provider, out PostgresDatabase? postgres)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Persistence:Provider"] = provider,
        };
        postgres = provider == "postgresql" ? new PostgresDatabase() : null;
        if (postgres is not null) settings["Persistence:ConnectionString"] = postgres.ConnectionString;
        return settings;
    }
}
