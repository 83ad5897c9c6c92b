using Akka.Actor;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Protocol;
using StreamMl.Actors.Slices;

namespace StreamMl.Cluster.Admin;

/// <summary>A part of the cluster an answer needs did not answer, or answered that it is restarting: 503.</summary>
public sealed class UnavailableException(string message) : Exception(message);

/// <summary>Asks an actor for an admin answer, telling "not there right now" (503) apart from a failure (500).</summary>
public static class ActorAsk
{
    /// <param name="what">Who is asked, for the error message: "the model registry", "slice dayPart=night".</param>
    /// <exception cref="UnavailableException">No answer in time, or the actor is restarting after a failure.</exception>
    public static async Task<T> Ask<T>(IActorRef actor, object message, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        object reply;
        try
        {
            reply = await actor.Ask<object>(message, timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            throw new UnavailableException($"{what} did not answer within {timeout.TotalSeconds:0} s; it may be moving to another node or restarting");
        }
        return reply switch
        {
            T answer => answer,
            RegistryUnavailable or SliceUnavailable =>
                throw new UnavailableException($"{what} is restarting after a failure (is the database reachable?); try again in a few seconds"),
            _ => throw new InvalidOperationException($"{what} answered {reply.GetType().Name}, not {typeof(T).Name}"),
        };
    }
}
