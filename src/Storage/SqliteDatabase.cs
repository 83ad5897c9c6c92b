using Microsoft.Data.Sqlite;

namespace StreamMl.Storage;

/// <summary>Prepares the node's SQLite database before Akka.Persistence opens it.</summary>
public static class SqliteDatabase
{
    /// <summary>
    /// Switches the database to write-ahead logging. WAL is a property of the file, so it holds for every
    /// later connection: journal writes append to the log instead of rewriting pages under a rollback
    /// journal, and readers (the admin endpoint's queries) no longer block the writer.
    /// </summary>
    public static void UseWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteScalar();
    }
}
