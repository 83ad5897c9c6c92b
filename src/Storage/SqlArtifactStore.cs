using System.Runtime.InteropServices;
using StreamMl.Core.Modeling;
using StreamMl.Core.Training;

namespace StreamMl.Storage;

/// <summary>
/// The artifact store in the table <c>streamml_artifacts</c> of a SQLite or PostgreSQL database, created on first use.
/// Rows are keyed by the lower-case hex SHA-256 of their bytes and never rewritten.
/// </summary>
public sealed class SqlArtifactStore : IArtifactStore
{
    private readonly SqlDialect _dialect;
    private readonly TableGate _table;

    /// <param name="provider"><c>sqlite</c> or <c>postgresql</c>, as in the node's <c>Persistence:Provider</c>.</param>
    /// <param name="connectionString">The ADO.NET connection string of that provider.</param>
    /// <exception cref="ArgumentException">The provider is unknown or the connection string is empty.</exception>
    public SqlArtifactStore(string provider, string connectionString)
    {
        _dialect = SqlDialect.For(provider, connectionString);
        _table = new TableGate(_dialect, _dialect.CreateArtifactsTable);
    }

    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Provider => _dialect.Provider;

    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var sha256 = ModelArtifact.Hash(bytes.Span);
        var array = MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
        await _table.EnsureAsync(cancellationToken);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The same bytes under the same name: a second put, also a concurrent one, leaves the first row as it is.
        command.CommandText = """
            INSERT INTO streamml_artifacts (sha256, bytes, size, created_at) VALUES (@sha256, @bytes, @size, @created_at)
            ON CONFLICT (sha256) DO NOTHING
            """;
        Add(command, "@sha256", sha256);
        Add(command, "@bytes", array);
        Add(command, "@size", (long)array.Length);
        Add(command, "@created_at", DateTimeOffset.UtcNow);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return sha256;
    }

    public async Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"'{sha256}' is not a SHA-256: expected 64 hex digits", nameof(sha256));
        await _table.EnsureAsync(cancellationToken);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT bytes FROM streamml_artifacts WHERE sha256 = @sha256";
        Add(command, "@sha256", sha256.ToLowerInvariant());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<byte[]>(0) : null;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
