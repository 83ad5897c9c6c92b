using Xunit;

namespace StreamMl.Tests.Faults;

/// <summary>
/// The fault tests run node processes under load and measure how long things take: they run one after another, and
/// after every other test, not beside them, so that no other test's load becomes their fault (on 2 cores a cluster
/// test beside the others saw heartbeats late by 2 s, and its split-brain resolver downed a live node).
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class FaultTests
{
    public const string Collection = "faults";
}
