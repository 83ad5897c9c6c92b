using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace StreamMl.Storage;

/// <summary>
/// The stores in a SQLite file, usually the node's own, which Akka.Persistence also writes to (in WAL mode).
/// Every connection waits up to <see cref="BusyTimeout"/> for a lock instead of failing at once.
/// </summary>
internal sealed class SqliteDialect(string connectionString) : SqlDialect
{
    /// <summary>How long a statement waits for another connection's write lock.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public override string Provider => Sqlite;

    // AUTOINCREMENT: a sequence is never handed out twice, not even after the newest rows were deleted.
    public override string CreateExamplesTable => """
        CREATE TABLE IF NOT EXISTS streamml_examples (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL,
            payload TEXT NOT NULL)
        """;

    public override string CreateArtifactsTable => """
        CREATE TABLE IF NOT EXISTS streamml_artifacts (
            sha256 TEXT PRIMARY KEY,
            bytes BLOB NOT NULL,
            size INTEGER NOT NULL,
            created_at TEXT NOT NULL)
        """;

    protected override DbConnection CreateConnection() => new SqliteConnection(connectionString);

    protected override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // SQLite serialises schema changes under its write lock; the busy timeout makes a second node wait for it.
    public override async Task CreateTableAsync(string createTable, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = createTable;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // BEGIN IMMEDIATE: takes the write lock up front, so appends are serialised and never deadlock upgrading a read lock.
    // (Microsoft.Data.Sqlite runs in-process and synchronously; its async methods add nothing.)
    public override Task<DbTransaction> BeginAppendAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // One prepared statement, executed once per row: SQLite runs in-process, so a row costs no round trip.
    public override async Task InsertExamplesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(string EventId, string Payload)> rows, CancellationToken cancellationToken)
    {
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = "INSERT INTO streamml_examples (event_id, payload) VALUES ($event_id, $payload)";
        var eventId = command.Parameters.Add("$event_id", SqliteType.Text);
        var payload = command.Parameters.Add("$payload", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < rows.Count; i++)
        {
            eventId.Value = rows[i].EventId;
            payload.Value = rows[i].Payload;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
