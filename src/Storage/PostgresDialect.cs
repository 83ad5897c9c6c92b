using System.Data.Common;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace StreamMl.Storage;

/// <summary>The stores in PostgreSQL.</summary>
internal sealed class PostgresDialect(string connectionString) : SqlDialect
{
    // Serialises table creation between nodes that start together: CREATE TABLE IF NOT EXISTS alone can still
    // fail on a unique violation in the catalog when two sessions create the same table at the same moment.
    // The key is "StreamMl" in ASCII.
    private const long SchemaLockKey = 0x5374_7265_616D_4D6C;

    public override string Provider => Postgresql;

    // text, not jsonb, for the payload: jsonb turns -0 into 0 and rewrites numbers; text keeps them exactly.
    public override string CreateExamplesTable => """
        CREATE TABLE IF NOT EXISTS streamml_examples (
            sequence bigserial PRIMARY KEY,
            event_id text NOT NULL,
            payload text NOT NULL)
        """;

    public override string CreateArtifactsTable => """
        CREATE TABLE IF NOT EXISTS streamml_artifacts (
            sha256 text PRIMARY KEY,
            bytes bytea NOT NULL,
            size bigint NOT NULL,
            created_at timestamptz NOT NULL)
        """;

    protected override DbConnection CreateConnection() => new NpgsqlConnection(connectionString);

    public override async Task CreateTableAsync(string createTable, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey}); {createTable}", connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Sequence values are handed out when rows are inserted, not when they commit: without the lock a
    // later append could commit first and a reader would see its rows before lower sequences appear.
    // EXCLUSIVE mode blocks other appends and trims but not readers.
    public override async Task<DbTransaction> BeginAppendAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var postgres = (NpgsqlConnection)connection;
        var transaction = await postgres.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("LOCK TABLE streamml_examples IN EXCLUSIVE MODE", postgres, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    // One batch of single-row inserts: one round trip, executed in order, so the sequences follow the list.
    public override async Task InsertExamplesAsync(
        DbConnection connection, DbTransaction transaction, ExampleRows rows, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        for (var i = 0; i < rows.Count; i++)
        {
            var command = new NpgsqlBatchCommand("INSERT INTO streamml_examples (event_id, payload) VALUES ($1, $2)");
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = Encoding.UTF8.GetString(rows.EventId(i)) });
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = Encoding.UTF8.GetString(rows.Payload(i)) });
            batch.BatchCommands.Add(command);
        }
        await batch.PrepareAsync(cancellationToken);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
