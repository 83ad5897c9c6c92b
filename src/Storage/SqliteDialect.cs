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

    /// <summary>Rows per INSERT: one statement of many rows binds and steps far less often than one per row.</summary>
    private const int RowsPerStatement = 64;

    // Prepared multi-row statements (SQLite runs in-process, so a row costs no round trip, but each execution
    // costs a bind and a step). VALUES inserts its rows in order, so the examples keep their order.
    public override Task InsertExamplesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(string EventId, string Payload)> rows, CancellationToken cancellationToken)
    {
        var start = 0;
        if (rows.Count >= RowsPerStatement)
        {
            using var full = InsertCommand(connection, transaction, RowsPerStatement);
            for (; start + RowsPerStatement <= rows.Count; start += RowsPerStatement)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Insert(full, rows, start);
            }
        }
        if (start < rows.Count)
        {
            using var rest = InsertCommand(connection, transaction, rows.Count - start);
            Insert(rest, rows, start);
        }
        return Task.CompletedTask;
    }

    private static SqliteCommand InsertCommand(DbConnection connection, DbTransaction transaction, int rowCount)
    {
        var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        var text = new System.Text.StringBuilder("INSERT INTO streamml_examples (event_id, payload) VALUES ");
        for (var r = 0; r < rowCount; r++)
        {
            text.Append(r == 0 ? "" : ",").Append("($e").Append(r).Append(", $p").Append(r).Append(')');
            command.Parameters.Add("$e" + r, SqliteType.Text);
            command.Parameters.Add("$p" + r, SqliteType.Text);
        }
        command.CommandText = text.ToString();
        command.Prepare();
        return command;
    }

    private static void Insert(SqliteCommand command, IReadOnlyList<(string EventId, string Payload)> rows, int start)
    {
        var parameters = command.Parameters;
        for (var r = 0; r < parameters.Count / 2; r++)
        {
            parameters[2 * r].Value = rows[start + r].EventId;
            parameters[2 * r + 1].Value = rows[start + r].Payload;
        }
        command.ExecuteNonQuery();
    }
}
