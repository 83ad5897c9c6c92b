using System.Data.Common;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Training;

namespace StreamMl.Storage;

/// <summary>
/// The example store in the table <c>streamml_examples</c> of a SQLite or PostgreSQL database, created on first use.
/// Each append is one transaction; appends are serialised, so sequences become visible in ascending order and a
/// range read once reads the same later. Connections come from the provider's pool, one per call.
/// </summary>
public sealed class SqlExampleStore : IExampleStore
{
    private const string Columns = "sequence, event_id, payload";

    /// <summary>The largest row buffer kept from one append to the next (an append of 1,000 elec examples takes about 0.3 MB).</summary>
    private const int MaxKeptRowBytes = 8 * 1024 * 1024;

    private readonly SqlDialect _dialect;
    private readonly TableGate _table;
    private ExampleRows? _spareRows;

    /// <param name="provider"><c>sqlite</c> or <c>postgresql</c>, as in the node's <c>Persistence:Provider</c>.</param>
    /// <param name="connectionString">The ADO.NET connection string of that provider.</param>
    /// <exception cref="ArgumentException">The provider is unknown or the connection string is empty.</exception>
    public SqlExampleStore(string provider, string connectionString)
    {
        _dialect = SqlDialect.For(provider, connectionString);
        _table = new TableGate(_dialect, _dialect.CreateExamplesTable);
    }

    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Provider => _dialect.Provider;

    public async Task AppendAsync(IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        // Appends that overlap (they wait for each other in the database anyway) each take rows of their own.
        var rows = Interlocked.Exchange(ref _spareRows, null) ?? new ExampleRows();
        try
        {
            rows.Fill(examples);
            if (rows.Count == 0) return;
            await _table.EnsureAsync(cancellationToken);
            await using var connection = await _dialect.OpenAsync(cancellationToken);
            await using var transaction = await _dialect.BeginAppendAsync(connection, cancellationToken);
            await _dialect.InsertExamplesAsync(connection, transaction, rows, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            // Kept for the next append unless an unusually large one (an example writer catching up) grew it.
            if (rows.Capacity <= MaxKeptRowBytes) Volatile.Write(ref _spareRows, rows);
        }
    }

    public async Task<long> LatestSequenceAsync(CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT COALESCE(MAX(sequence), 0) FROM streamml_examples", cancellationToken);

    public async Task<long> CountAsync(CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT COUNT(*) FROM streamml_examples", cancellationToken);

    public async Task<IReadOnlyList<LabelledExample>> ReadAsync(long fromSequence, long toSequence, CancellationToken cancellationToken)
    {
        if (fromSequence > toSequence) return [];
        return await QueryAsync(
            $"SELECT {Columns} FROM streamml_examples WHERE sequence >= @from AND sequence <= @to ORDER BY sequence",
            [("@from", fromSequence), ("@to", toSequence)],
            descending: false,
            cancellationToken);
    }

    public async Task<IReadOnlyList<LabelledExample>> ReadLatestAsync(int count, long upToSequence, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return [];
        return await QueryAsync(
            $"SELECT {Columns} FROM streamml_examples WHERE sequence <= @to ORDER BY sequence DESC LIMIT @count",
            [("@to", upToSequence), ("@count", count)],
            descending: true,
            cancellationToken);
    }

    public async Task<long> TrimAsync(long keepLatest, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepLatest);
        await _table.EnsureAsync(cancellationToken);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The newest row beyond the ones kept, and everything below it; nothing when there are no more rows than that.
        command.CommandText = """
            DELETE FROM streamml_examples WHERE sequence <= (
                SELECT sequence FROM streamml_examples ORDER BY sequence DESC LIMIT 1 OFFSET @keep)
            """;
        AddParameter(command, "@keep", keepLatest);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await _table.EnsureAsync(cancellationToken);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<LabelledExample>> QueryAsync(
        string sql, (string Name, long Value)[] parameters, bool descending, CancellationToken cancellationToken)
    {
        await _table.EnsureAsync(cancellationToken);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) AddParameter(command, name, value);
        var examples = new List<LabelledExample>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequence = reader.GetInt64(0);
                var e = ExamplePayload.Read(reader.GetString(1), reader.GetString(2));
                if (e.Label is null) throw new FormatException($"the stored example {sequence} (event '{e.Id}') has no label");
                examples.Add(new LabelledExample(sequence, e));
            }
        }
        if (descending) examples.Reverse();
        return examples;
    }

    private static void AddParameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
