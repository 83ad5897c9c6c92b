namespace StreamMl.Core.Training;

/// <summary>Content-addressed storage of model artifacts: bytes are named by their SHA-256.</summary>
public interface IArtifactStore
{
    /// <summary>Stores the bytes and returns their SHA-256 as lower-case hex. Putting the same bytes again changes nothing.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes stored under <paramref name="sha256"/> (hex, either case) exactly as stored, or null when there are none.
    /// The store does not re-hash them: callers verify the hash before they trust the bytes.
    /// </summary>
    Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken);
}
