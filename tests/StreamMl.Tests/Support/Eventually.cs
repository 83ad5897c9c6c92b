namespace StreamMl.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T value;
        while (!done(value = await read()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: still {value} after {timeout}");
            await Task.Delay(100);
        }
        return value;
    }
}
