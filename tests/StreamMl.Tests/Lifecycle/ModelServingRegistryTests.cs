using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using Xunit;

namespace StreamMl.Tests.Lifecycle;

/// <summary>The registry's record of which nodes deploy a version, as the serving plan changes.</summary>
public sealed class ModelServingRegistryTests
{
    private static readonly DateTimeOffset At = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly RegistryState _state = new();
    private readonly List<IRegistryEvent> _journal = [];

    public ModelServingRegistryTests()
    {
        Apply(new ModelImported("v1", Description('1'), null, At));
        Apply(new ModelPromoted("v1", ServingModes.Full, 0, null, "import", At));
        Apply(new ModelImported("v2", Description('2'), null, At));
        Deploy("v1", "a");
        Deploy("v1", "b");
    }

    [Fact]
    public void A_node_reporting_the_same_state_again_is_not_news()
    {
        Assert.False(_state.IsDeploymentNews("v1", "a", _state.PlanRevision, "deployed"));
        Assert.True(_state.IsDeploymentNews("v1", "a", _state.PlanRevision, "refused: unreadable"));
        Assert.False(_state.IsDeploymentNews("v9", "a", _state.PlanRevision, "deployed"));
    }

    [Fact]
    public void Every_change_of_a_versions_place_in_the_plan_asks_for_its_deployments_anew()
    {
        Apply(new ModelPromoted("v2", ServingModes.Shadow, 0, "v1", "test", At));
        // v1 stays the champion: its deployments stand. v2 is new to the plan.
        Assert.Equal(2, _state.Find("v1")!.Deployments.Count);
        Assert.True(_state.IsDeploymentNews("v2", "a", _state.PlanRevision, "deployed"));
        Deploy("v2", "a");
        Assert.False(_state.IsDeploymentNews("v2", "a", _state.PlanRevision, "deployed"));

        Apply(new ModelPromoted("v2", ServingModes.Canary, 0.25, "v1", "test", At));
        Assert.Empty(_state.Find("v2")!.Deployments);
        Assert.True(_state.IsDeploymentNews("v2", "a", _state.PlanRevision, "deployed"));
        Deploy("v2", "a");

        Apply(new ModelPromoted("v2", ServingModes.Full, 0, "v1", "test", At));
        Assert.Empty(_state.Find("v2")!.Deployments);
        Assert.Empty(_state.Find("v1")!.Deployments);
        Deploy("v2", "a");

        Apply(new ModelRolledBack("v2", "v1", "test", At));
        Assert.Empty(_state.Find("v2")!.Deployments);
        Assert.True(_state.IsDeploymentNews("v1", "a", _state.PlanRevision, "deployed"));
        Deploy("v1", "a");
        Assert.Equal("deployed", _state.Find("v1")!.Deployments["a"]);

        // Replaying the journal gives the same deployments.
        var replayed = new RegistryState();
        for (var i = 0; i < _journal.Count; i++) replayed.Apply(_journal[i], i + 1);
        Assert.Equal(_state.Models.Select(m => m.Deployments.OrderBy(d => d.Key)), replayed.Models.Select(m => m.Deployments.OrderBy(d => d.Key)));
    }

    [Fact]
    public void A_report_of_a_plan_older_than_the_versions_latest_place_is_ignored()
    {
        Apply(new ModelPromoted("v2", ServingModes.Shadow, 0, "v1", "test", At));
        var shadowPlan = _state.PlanRevision;
        Apply(new ModelPromoted("v2", ServingModes.Full, 0, "v1", "test", At));
        Assert.False(_state.IsDeploymentNews("v2", "a", shadowPlan, "deployed"));
        Assert.True(_state.IsDeploymentNews("v2", "a", _state.PlanRevision, "deployed"));
        // v1 left the plan at that revision: a late report does not bring its deployment back.
        Assert.False(_state.IsDeploymentNews("v1", "b", shadowPlan, "deployed"));
    }

    private void Deploy(string version, string node)
    {
        Assert.True(_state.IsDeploymentNews(version, node, _state.PlanRevision, "deployed"));
        Apply(new ModelDeployed(version, node, _state.PlanRevision, At));
    }

    private void Apply(IRegistryEvent e)
    {
        _journal.Add(e);
        _state.Apply(e, _journal.Count);
    }

    private static ModelDescription Description(char digit) =>
        new(new string(digit, 64), null, "spec", "test", "FastTree", new Dictionary<string, double>(), 1, 1000);
}
