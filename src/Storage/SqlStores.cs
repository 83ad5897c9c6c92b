using StreamMl.Core.Training;

namespace StreamMl.Storage;

/// <summary>The example and artifact stores of one database.</summary>
public sealed class SqlStores
{
    private SqlStores(SqlExampleStore examples, SqlArtifactStore artifacts)
    {
        Examples = examples;
        Artifacts = artifacts;
    }

    public IExampleStore Examples { get; }

    public IArtifactStore Artifacts { get; }

    /// <summary>Both stores on the database a provider and connection string name.</summary>
    /// <param name="provider"><c>sqlite</c> or <c>postgresql</c>, as in the node's <c>Persistence:Provider</c>.</param>
    /// <param name="connectionString">The ADO.NET connection string of that provider.</param>
    /// <exception cref="ArgumentException">The provider is unknown or the connection string is empty.</exception>
    public static SqlStores Create(string provider, string connectionString) =>
        new(new SqlExampleStore(provider, connectionString), new SqlArtifactStore(provider, connectionString));
}
