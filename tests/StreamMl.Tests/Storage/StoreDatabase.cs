using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using StreamMl.Cluster.Hosting;
using StreamMl.Storage;
using StreamMl.Tests.Support;

namespace StreamMl.Tests.Storage;

/// <summary>
/// An empty database for the stores: a SQLite file in a temporary directory (in WAL mode, as a node's), or a fresh
/// PostgreSQL database on the server of the test script. Connections are not pooled, so a new store really reconnects.
/// </summary>
public sealed class StoreDatabase : IDisposable
{
    private readonly string? _directory;
    private readonly PostgresDatabase? _postgres;

    public StoreDatabase(string provider)
    {
        Provider = provider;
        if (provider == "postgresql")
        {
            _postgres = new PostgresDatabase();
            ConnectionString = _postgres.ConnectionString;
        }
        else
        {
            _directory = Directory.CreateTempSubdirectory("streamml-stores-").FullName;
            ConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(_directory, "streamml.db"),
                Pooling = false,
            }.ConnectionString;
            SqliteDatabase.UseWriteAheadLog(ConnectionString);
        }
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>New stores on this database, with connections of their own.</summary>
    public SqlStores Connect() => SqlStores.Create(Provider, ConnectionString);

    /// <summary>Runs a statement past the stores.</summary>
    public void Execute(string sql)
    {
        using DbConnection connection = Provider == "postgresql" ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>How many rows a table holds, read past the stores.</summary>
    public long CountRows(string table)
    {
        using DbConnection connection = Provider == "postgresql" ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The example rows as the database holds them, read past the stores: event id, payload, and the payload's SQL type.</summary>
    public List<(string EventId, string Payload, string PayloadType)> ExampleRows()
    {
        using DbConnection connection = Provider == "postgresql" ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Provider == "postgresql"
            ? "SELECT event_id, payload, pg_typeof(payload)::text FROM streamml_examples ORDER BY sequence"
            : "SELECT event_id, payload, typeof(payload) FROM streamml_examples ORDER BY sequence";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    public void Dispose()
    {
        _postgres?.Dispose();
        if (_directory is not null) Directory.Delete(_directory, recursive: true);
    }
}
