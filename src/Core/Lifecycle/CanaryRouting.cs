using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace StreamMl.Core.Lifecycle;

/// <summary>
/// Chooses which events a canary challenger scores: an event goes to the challenger when the stable
/// hash of its id, mapped to [0, 1), is below the canary's share.
/// </summary>
/// <remarks>
/// The hash is XXH64 (seed 0) of the id's UTF-8 bytes, whose top 53 bits are read as a fraction of 2^53. It
/// depends on nothing but the id, so every node, every run and every replay of an event makes the same choice,
/// and raising the share only adds events to the challenger (those below the old share stay).
/// </remarks>
public static class CanaryRouting
{
    private const int StackLimit = 256;

    /// <summary>Whether the event with this id is scored by the challenger when it takes <paramref name="share"/> of the events.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="share">The challenger's share, in [0, 1]: 0 sends nothing to it, 1 everything.</param>
    public static bool ToChallenger(string eventId, double share)
    {
        if (!(share is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(share), share, "the canary share must be in [0, 1]");
        return Position(eventId) < share;
    }

    /// <summary>The event id's place in [0, 1): uniform over ids, fixed for each id.</summary>
    public static double Position(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var length = Encoding.UTF8.GetMaxByteCount(eventId.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(eventId, buffer);
            var hash = XxHash64.HashToUInt64(buffer[..written]);
            return (hash >> 11) * (1.0 / (1UL << 53));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
