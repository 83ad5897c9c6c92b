using System.Data.Common;

namespace StreamMl.Storage;

/// <summary>What differs between the SQL databases the stores run on: connections, table definitions, locking and bulk inserts.</summary>
internal abstract class SqlDialect
{
    public const string Sqlite = "sqlite";
    public const string Postgresql = "postgresql";

    /// <summary>The dialect of a node's <c>Persistence:Provider</c> setting.</summary>
    /// <exception cref="ArgumentException">The provider is neither <c>sqlite</c> nor <c>postgresql</c>, or the connection string is empty.</exception>
    public static SqlDialect For(string provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException("the connection string of the training stores is empty", nameof(connectionString));
        return provider switch
        {
            Sqlite => new SqliteDialect(connectionString),
            Postgresql => new PostgresDialect(connectionString),
            _ => throw new ArgumentException($"unknown storage provider '{provider}': expected '{Sqlite}' or '{Postgresql}'", nameof(provider)),
        };
    }

    /// <summary><see cref="Sqlite"/> or <see cref="Postgresql"/>.</summary>
    public abstract string Provider { get; }

    /// <summary>The example table: a sequence that is never reused, the event id and the event's JSON.</summary>
    public abstract string CreateExamplesTable { get; }

    /// <summary>The artifact table: SHA-256, bytes, size and when they were first stored.</summary>
    public abstract string CreateArtifactsTable { get; }

    /// <summary>An open connection, ready for use; a connection that fails to open or to get ready is disposed.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await PrepareAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new, closed connection to the database.</summary>
    protected abstract DbConnection CreateConnection();

    /// <summary>Session settings applied to every connection right after it opens.</summary>
    protected virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs a <c>CREATE TABLE IF NOT EXISTS</c> so that nodes starting together do not trip over each other.
    /// </summary>
    public abstract Task CreateTableAsync(string createTable, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the transaction of an append, holding the lock that orders appends: once it commits, no
    /// later-committing append can add rows below its highest sequence.
    /// </summary>
    public abstract Task<DbTransaction> BeginAppendAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Inserts the rows in their order, so their sequences ascend in that order.</summary>
    public abstract Task InsertExamplesAsync(DbConnection connection, DbTransaction transaction, ExampleRows rows, CancellationToken cancellationToken);
}
