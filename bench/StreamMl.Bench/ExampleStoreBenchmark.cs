using System.Diagnostics;
using StreamMl.Cluster.Hosting;
using StreamMl.Storage;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;
using StreamMl.Streams.Replay;

namespace StreamMl.Bench;

/// <summary>
/// Appends 100,000 labelled elec events in batches of 1,000 to a new example store, then reads them all back and
/// hashes them as a training snapshot. SQLite in a temporary file (WAL mode, as on a node), or with --postgres a temporary
/// database on that PostgreSQL server (the connection string's user needs CREATEDB), dropped afterwards.
/// </summary>
public static class ExampleStoreBenchmark
{
    private const int Examples = 100_000;
    private const int BatchSize = 1_000;

    public static async Task<int> Run(BenchOptions options)
    {
        var spec = new CompiledSpec(SpecLoader.Load(options.Spec));
        var decoder = new EventDecoder(spec);
        var elec = new CsvEventSource(options.Csv, spec.Spec, includeLabels: true)
            .Select(e => decoder.Decode(BenchEvents.ToMessage(e).Value!).Event!)
            .ToArray();
        var appended = new TrainingExample[Examples];
        for (var i = 0; i < Examples; i++) appended[i] = TrainingExample.Of(elec[i % elec.Length] with { Id = $"example-{i}" });
        var batches = appended.Chunk(BatchSize).ToArray();

        var work = Directory.CreateTempSubdirectory("streamml-bench-examples-");
        var database = options.Postgres is { } server ? TemporaryPostgres.Create(server) : null;
        try
        {
            var (provider, connectionString) = database is not null
                ? ("postgresql", database.ConnectionString)
                : ("sqlite", $"Data Source={Path.Combine(work.FullName, "streamml.db")}");
            if (provider == "sqlite") SqliteDatabase.UseWriteAheadLog(connectionString);
            var store = SqlStores.Create(provider, connectionString).Examples;

            var batchTimes = new List<double>(batches.Length);
            var total = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                var clock = Stopwatch.StartNew();
                await store.AppendAsync(batch, CancellationToken.None);
                batchTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
            total.Stop();

            var read = Stopwatch.StartNew();
            var examples = await store.ReadAsync(1, long.MaxValue, CancellationToken.None);
            var snapshot = TrainingSnapshot.Of(examples);
            read.Stop();
            if (snapshot.Count != Examples) throw new InvalidOperationException($"read {snapshot.Count:N0} examples back, appended {Examples:N0}");

            batchTimes.Sort();
            Console.WriteLine($"machine: {Environment.ProcessorCount} processors, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
            Console.WriteLine($"SqlExampleStore.AppendAsync ({provider}, batches of {BatchSize:N0}): {Examples / total.Elapsed.TotalSeconds:N0} examples/s " +
                $"({Examples:N0} elec examples in {total.Elapsed.TotalSeconds:F2} s; per batch median {batchTimes[batchTimes.Count / 2]:F1} ms, " +
                $"max {batchTimes[^1]:F1} ms)");
            Console.WriteLine($"SqlExampleStore.ReadAsync + TrainingSnapshot.Of: {Examples / read.Elapsed.TotalSeconds:N0} examples/s " +
                $"({read.Elapsed.TotalSeconds:F2} s, SHA-256 {snapshot.Sha256[..12]}…)");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
            database?.Dispose();
        }
    }

    /// <summary>A database of its own on a PostgreSQL server, dropped on dispose.</summary>
    private sealed class TemporaryPostgres : IDisposable
    {
        private readonly string _server;
        private readonly string _name = $"streamml_bench_{Guid.NewGuid():N}";

        private TemporaryPostgres(string server)
        {
            _server = server;
            Execute($"CREATE DATABASE {_name}");
            ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
        }

        public string ConnectionString { get; }

        public static TemporaryPostgres Create(string server) => new(server);

        public void Dispose()
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }

        private void Execute(string sql)
        {
            using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
