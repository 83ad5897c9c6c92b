using Akka.Actor;
using StreamMl.Actors.Protocol;

namespace StreamMl.Actors.Serving;

/// <summary>The serving protocol: the plan changes the registry publishes.</summary>
public sealed class ServingProtocolSerializer(ExtendedActorSystem system) : ProtocolSerializer(system, "serving", new Dictionary<Type, string>
{
    [typeof(ServingPlanChanged)] = "PC",
})
{
    public const int Id = 4105;

    public override int Identifier => Id;
}
