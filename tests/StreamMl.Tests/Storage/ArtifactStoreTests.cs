using System.Security.Cryptography;
using StreamMl.Cluster.Hosting;
using StreamMl.Storage;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Storage;

/// <summary>The SQL artifact store on SQLite and on a real PostgreSQL, and the factory.</summary>
public sealed class ArtifactStoreTests : IDisposable
{
    private StoreDatabase? _database;

    private SqlStores Open(string provider)
    {
        _database = new StoreDatabase(provider);
        return _database.Connect();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Put_names_bytes_by_their_sha256_and_is_idempotent(string provider)
    {
        var artifacts = Open(provider).Artifacts;
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var first = await artifacts.PutAsync(bytes, default);
        var second = await artifacts.PutAsync(bytes.ToArray(), default);
        var fromAnotherConnection = await _database!.Connect().Artifacts.GetAsync(expected, default);

        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.Equal(1, _database.CountRows("streamml_artifacts"));
        Assert.Equal(bytes, fromAnotherConnection);
        Assert.Equal(bytes, await artifacts.GetAsync(expected.ToUpperInvariant(), default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Put_of_a_slice_stores_only_the_slice_and_empty_bytes_are_an_artifact_too(string provider)
    {
        var artifacts = Open(provider).Artifacts;
        var buffer = RandomNumberGenerator.GetBytes(100);
        var slice = buffer.AsMemory(10, 50);

        var sha = await artifacts.PutAsync(slice, default);
        var empty = await artifacts.PutAsync(ReadOnlyMemory<byte>.Empty, default);

        Assert.Equal(slice.ToArray(), await artifacts.GetAsync(sha, default));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty);
        Assert.Empty((await artifacts.GetAsync(empty, default))!);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Get_of_an_absent_hash_is_null_and_of_a_malformed_one_an_argument_error(string provider)
    {
        var artifacts = Open(provider).Artifacts;
        await artifacts.PutAsync(new byte[] { 1, 2, 3 }, default);

        Assert.Null(await artifacts.GetAsync(new string('a', 64), default));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => artifacts.GetAsync("not-a-hash", default));
        Assert.Contains("'not-a-hash' is not a SHA-256", e.Message);
    }

    [Fact]
    public void The_factory_refuses_an_unknown_provider_and_an_empty_connection_string()
    {
        var unknown = Assert.Throws<ArgumentException>(() => SqlStores.Create("mysql", "Data Source=x"));
        Assert.Contains("unknown storage provider 'mysql'", unknown.Message);
        Assert.Throws<ArgumentException>(() => SqlStores.Create("sqlite", " "));
    }

    [Fact]
    public async Task A_node_keeps_its_stores_in_the_database_of_its_persistence_by_default()
    {
        var directory = Directory.CreateTempSubdirectory("streamml-node-stores-").FullName;
        try
        {
            var settings = new NodeSettings { DataDirectory = directory };
            var stores = SqlStores.Create(settings.Persistence.Provider, NodeHost.ConnectionString(settings));
            await stores.Examples.AppendAsync(StoreEvents.Many(2).AsExamples(), default);
            Assert.Equal(2, await stores.Examples.CountAsync(default));
            Assert.True(File.Exists(Path.Combine(directory, "streamml.db")));

            settings.Persistence.ConnectionString = $"Data Source={Path.Combine(directory, "other.db")}";
            await SqlStores.Create(settings.Persistence.Provider, NodeHost.ConnectionString(settings)).Examples.AppendAsync(StoreEvents.Many(1).AsExamples(), default);
            Assert.True(File.Exists(Path.Combine(directory, "other.db")));
            Assert.Equal(2, await stores.Examples.CountAsync(default));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public void Dispose() => _database?.Dispose();
}
