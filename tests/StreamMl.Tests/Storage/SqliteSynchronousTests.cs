using Microsoft.Data.Sqlite;
using StreamMl.Cluster.Hosting;
using StreamMl.Storage;
using Xunit;

namespace StreamMl.Tests.Storage;

/// <summary>
/// The stores' SQLite connections commit without waiting for the disk only in WAL mode, where the journal's own commits,
/// synced, make them durable; the journal's connections keep SQLite's full sync.
/// </summary>
public sealed class SqliteSynchronousTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("streamml-sync-");

    private string Database(string name) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory.FullName, name), Pooling = false }.ConnectionString;

    private static long Synchronous(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task In_WAL_mode_a_store_connection_syncs_normally_and_any_other_connection_fully()
    {
        var connectionString = Database("wal.db");
        SqliteDatabase.UseWriteAheadLog(connectionString);

        await using var store = await SqlDialect.For(SqlDialect.Sqlite, connectionString).OpenAsync(default);
        await using var other = new SqliteConnection(connectionString);
        other.Open();

        Assert.Equal(1, Synchronous(store));   // NORMAL
        Assert.Equal(2, Synchronous(other));   // FULL, SQLite's default, as the journal's connections have it
    }

    [Fact]
    public async Task Outside_WAL_mode_a_store_connection_keeps_the_full_sync()
    {
        await using var store = await SqlDialect.For(SqlDialect.Sqlite, Database("rollback.db")).OpenAsync(default);

        Assert.Equal(2, Synchronous(store));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
