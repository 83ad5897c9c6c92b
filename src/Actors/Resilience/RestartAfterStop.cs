using Akka.Actor;
using Akka.Pattern;

namespace StreamMl.Actors.Resilience;

/// <summary>
/// Keeps a persistent actor alive through a database outage. A persistent actor stops when a write or its recovery
/// fails (Akka.Persistence gives it no choice); under this supervisor it is started again after 1 s, then 2, 4, … at
/// most 10 s apart until its recovery succeeds, so it is back at most about 10 s after the database is. While it is
/// stopped, every request is answered at once with a message that says so, instead of going unanswered.
/// </summary>
public static class RestartAfterStop
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <param name="child">The persistent actor.</param>
    /// <param name="name">Its name under the supervisor.</param>
    /// <param name="whileStopped">The answer to any request while the actor is stopped.</param>
    /// <param name="finalStop">
    /// A message after which a stop is for good (a sharded entity's hand-off message): the supervisor stops with its child.
    /// </param>
    public static Props Props(Props child, string name, object whileStopped, Func<object, bool>? finalStop = null)
    {
        var options = Backoff.OnStop(child, name, MinBackoff, MaxBackoff, randomFactor: 0.2, maxNrOfRetries: -1)
            // Once it has run for a while, a later stop starts the back-off from 1 s again.
            .WithAutoReset(TimeSpan.FromSeconds(30))
            .WithReplyWhileStopped(whileStopped);
        if (finalStop is not null) options = options.WithFinalStopMessage(finalStop);
        return BackoffSupervisor.Props(options);
    }
}
