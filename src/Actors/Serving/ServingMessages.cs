using StreamMl.Core.Registry;

namespace StreamMl.Actors.Serving;

/// <summary>A message of the serving protocol: how the registry's plan reaches every node's deployer.</summary>
public interface IServingProtocol;

/// <summary>The distributed pub-sub topics of serving.</summary>
public static class ServingTopics
{
    /// <summary>Serving plans, published by the registry to every node's deployer.</summary>
    public const string ServingPlans = "streamml.serving-plans";
}

/// <summary>Published to every deployer whenever the plan changes.</summary>
public sealed record ServingPlanChanged(ServingPlan Plan) : IServingProtocol;
