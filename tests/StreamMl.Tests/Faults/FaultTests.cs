using Xunit;

namespace StreamMl.Tests.Faults;

/// <summary>
/// The fault tests run node processes under load and measure how long things take: they run one after another,
/// not beside each other, so that one's load does not become another's fault.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class FaultTests
{
    public const string Collection = "faults";
}
