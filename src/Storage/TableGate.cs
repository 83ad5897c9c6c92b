namespace StreamMl.Storage;

/// <summary>Creates a store's table the first time the store is used, once per store instance; a failed attempt is retried on the next use.</summary>
internal sealed class TableGate(SqlDialect dialect, string createTable)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _created;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_created) return;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_created) return;
            await dialect.CreateTableAsync(createTable, cancellationToken);
            _created = true;
        }
        finally
        {
            _lock.Release();
        }
    }
}
