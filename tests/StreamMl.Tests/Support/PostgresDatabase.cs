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

    /// <summary>
    /// Drops the database, its sessions ended first. The test role may not end a session of the server's own (an
    /// autovacuum worker that has just started on the database): the drop is tried again until that one has finished.
    /// </summary>
    public void Dispose()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                Thread.Sleep(200);
            }
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
