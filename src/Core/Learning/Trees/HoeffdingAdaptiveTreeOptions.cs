using StreamMl.Core.Drift.Detectors;

namespace StreamMl.Core.Learning.Trees;

/// <summary>Settings of <see cref="HoeffdingAdaptiveTree"/>; the defaults are River's.</summary>
public sealed record HoeffdingAdaptiveTreeOptions
{
    /// <summary>How each tree grows: grace period, δ, τ, split points. Default: the Hoeffding tree's defaults.</summary>
    public HoeffdingTreeOptions Tree { get; init; } = new();

    /// <summary>δ of each node's ADWIN. Default 0.002.</summary>
    public double AdwinDelta { get; init; } = 0.002;

    /// <summary>Errors both the node and its alternate must have in their windows before they are compared. Default 300.</summary>
    public int DriftWindowThreshold { get; init; } = 300;

    /// <summary>α of the comparison of a node with its alternate. Default 0.05.</summary>
    public double SwitchSignificance { get; init; } = 0.05;

    /// <summary>Weight each leaf's examples by Poisson(1) draws (online bagging inside the tree). Default on.</summary>
    public bool Bootstrap { get; init; } = true;

    internal static HoeffdingAdaptiveTreeOptions Read(HyperParameterReader p)
    {
        var d = new HoeffdingAdaptiveTreeOptions();
        return new HoeffdingAdaptiveTreeOptions
        {
            Tree = HoeffdingTreeOptions.Read(p),
            AdwinDelta = p.Real("adwinDelta", d.AdwinDelta),
            DriftWindowThreshold = p.Integer("driftWindowThreshold", d.DriftWindowThreshold),
            SwitchSignificance = p.Real("switchSignificance", d.SwitchSignificance),
            Bootstrap = p.Flag("bootstrap", d.Bootstrap),
        };
    }

    internal HoeffdingAdaptiveTreeOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(Tree, "tree");
        Tree.Validated();
        Guard.Probability(AdwinDelta, "adwinDelta");
        Guard.AtLeast(DriftWindowThreshold, 0, "driftWindowThreshold");
        Guard.Probability(SwitchSignificance, "switchSignificance");
        return this;
    }
}
