namespace StreamMl.Cluster.Operations;

/// <summary>The write time of a journal event as the SQL journal stores it.</summary>
public static class JournalTime
{
    /// <summary>
    /// Akka.Persistence.Sql stores <see cref="DateTime.Ticks"/> (UTC) in its timestamp column; a value small enough to
    /// be Unix milliseconds (before the year 5000 in those) is read as such, for journals written that way.
    /// </summary>
    public static DateTimeOffset Of(long timestamp) =>
        timestamp > 100_000_000_000_000L
            ? new DateTimeOffset(Math.Min(timestamp, DateTime.MaxValue.Ticks), TimeSpan.Zero)
            : DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, timestamp));
}
