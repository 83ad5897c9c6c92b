using Akka.Actor;

namespace StreamMl.Cluster.Admin;

/// <summary>The cluster as operators see it: members, their roles and status, and the leader.</summary>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<MemberView> Members, IReadOnlyList<string> Unreachable)
{
    public static ClusterView Of(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var state = cluster.State;
        return new ClusterView(
            cluster.SelfAddress.ToString(),
            state.Leader?.ToString(),
            state.Members.Select(m => new MemberView(m.Address.ToString(), m.Status.ToString(), m.Roles.OrderBy(r => r).ToArray())).ToArray(),
            state.Unreachable.Select(m => m.Address.ToString()).ToArray());
    }
}

/// <summary>One cluster member.</summary>
public sealed record MemberView(string Address, string Status, IReadOnlyList<string> Roles);
