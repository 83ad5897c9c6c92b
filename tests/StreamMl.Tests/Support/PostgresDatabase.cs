using Npgsql;

namespace StreamMl.Tests.Support;

/// <summary>
/// A fresh database on the real PostgreSQL server that the test script starts
/// (connection string in STREAMML_TEST_POSTGRES), dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    public const string Variable = "STREAMML_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name = $"streamml_{Guid.NewGuid():N}";

    public PostgresDatabase()
    {
        _admin = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"{Variable} is not set: run the tests through deploy/test.sh, which starts PostgreSQL");
        Execute($"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _name, Pooling = false }.ConnectionString;
    }

    public string ConnectionString { get; }

    public void Dispose() => Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
