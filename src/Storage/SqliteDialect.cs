using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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

    /// <summary>
    /// The busy timeout, and in WAL mode (as on a node) <c>synchronous = NORMAL</c>: a store's commit then does not wait for the disk.
    /// The node's journal shares the database file and its write-ahead log and commits with a sync; whatever refers to a
    /// stored example or artifact (a training run, a model) is journaled after it, and that commit's sync makes the
    /// earlier frames of the log durable too. A crash of the process loses nothing; a power loss at most the store
    /// commits no journal commit followed, which nothing refers to.
    /// </summary>
    protected override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "PRAGMA journal_mode;";
        if (await command.ExecuteScalarAsync(cancellationToken) is not "wal") return;
        command.CommandText = "PRAGMA synchronous = NORMAL;";
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
    // costs a bind and a step). VALUES inserts its rows in order, so the examples keep their order. The rows'
    // UTF-8 bytes are bound as they are through SQLite's own API, on the connection and in the transaction of
    // the append: Microsoft.Data.Sqlite would take strings and make a binder object per parameter per execution.
    public override Task InsertExamplesAsync(DbConnection connection, DbTransaction transaction, ExampleRows rows, CancellationToken cancellationToken)
    {
        var database = ((SqliteConnection)connection).Handle!;
        var start = 0;
        if (rows.Count >= RowsPerStatement)
        {
            using var full = Prepare(database, RowsPerStatement);
            for (; start + RowsPerStatement <= rows.Count; start += RowsPerStatement)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Insert(database, full, rows, start, RowsPerStatement);
            }
        }
        if (start < rows.Count)
        {
            using var rest = Prepare(database, rows.Count - start);
            Insert(database, rest, rows, start, rows.Count - start);
        }
        return Task.CompletedTask;
    }

    private static sqlite3_stmt Prepare(sqlite3 database, int rowCount)
    {
        var text = new StringBuilder("INSERT INTO streamml_examples (event_id, payload) VALUES ");
        for (var r = 0; r < rowCount; r++) text.Append(r == 0 ? "(?, ?)" : ", (?, ?)");
        Check(database, raw.sqlite3_prepare_v2(database, text.ToString(), out var statement));
        return statement;
    }

    private static void Insert(sqlite3 database, sqlite3_stmt statement, ExampleRows rows, int start, int count)
    {
        for (var r = 0; r < count; r++)
        {
            Check(database, BindText(statement, 2 * r + 1, rows.EventId(start + r)));
            Check(database, BindText(statement, 2 * r + 2, rows.Payload(start + r)));
        }
        var done = raw.sqlite3_step(statement);
        Check(database, raw.sqlite3_reset(statement));
        if (done != raw.SQLITE_DONE) Check(database, done);
    }

    // An empty span has no address, and SQLite binds a null pointer as NULL, not as the empty text.
    private static int BindText(sqlite3_stmt statement, int index, ReadOnlySpan<byte> utf8) =>
        utf8.IsEmpty ? raw.sqlite3_bind_text(statement, index, string.Empty) : raw.sqlite3_bind_text(statement, index, utf8);

    private static void Check(sqlite3 database, int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, database);
    }
}
