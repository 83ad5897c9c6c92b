using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Learning.Trees;

namespace StreamMl.Core.Learning.Ensembles;

/// <summary>Settings of <see cref="AdaptiveRandomForest"/>; the defaults are the paper's.</summary>
public sealed record AdaptiveRandomForestOptions
{
    /// <summary>The trees' own defaults in the paper, MOA and River: grace period 50, δ = 0.01, τ = 0.05.</summary>
    public static HoeffdingTreeOptions TreeDefaults { get; } = new() { GracePeriod = 50, Delta = 0.01, TieThreshold = 0.05 };

    /// <summary>Trees in the forest. Default 10.</summary>
    public int Trees { get; init; } = 10;

    /// <summary>λ of the Poisson weights of online bagging. Default 6.</summary>
    public double Lambda { get; init; } = 6;

    /// <summary>Features a new leaf observes; 0 for round(√M) of the M features. Default 0.</summary>
    public int MaxFeatures { get; init; }

    /// <summary>δ of each tree's warning ADWIN. Default 0.01.</summary>
    public double WarningDelta { get; init; } = 0.01;

    /// <summary>δ of each tree's drift ADWIN. Default 0.001.</summary>
    public double DriftDelta { get; init; } = 0.001;

    /// <summary>How each tree grows. Default <see cref="TreeDefaults"/>.</summary>
    public HoeffdingTreeOptions Tree { get; init; } = TreeDefaults;

    internal static AdaptiveRandomForestOptions Read(HyperParameterReader p)
    {
        var d = new AdaptiveRandomForestOptions();
        return new AdaptiveRandomForestOptions
        {
            Trees = p.Integer("trees", d.Trees),
            Lambda = p.Real("lambda", d.Lambda),
            MaxFeatures = p.Integer("maxFeatures", d.MaxFeatures),
            WarningDelta = p.Real("warningDelta", d.WarningDelta),
            DriftDelta = p.Real("driftDelta", d.DriftDelta),
            Tree = HoeffdingTreeOptions.Read(p, TreeDefaults),
        };
    }

    internal AdaptiveRandomForestOptions Validated()
    {
        Guard.AtLeast(Trees, 1, "trees");
        if (Trees > 1000) throw new ArgumentOutOfRangeException("trees", Trees, "trees must be at most 1000.");
        Guard.Positive(Lambda, "lambda");
        if (Lambda > 100) throw new ArgumentOutOfRangeException("lambda", Lambda, "lambda must be at most 100.");
        Guard.AtLeast(MaxFeatures, 0, "maxFeatures");
        Guard.Probability(WarningDelta, "warningDelta");
        Guard.Probability(DriftDelta, "driftDelta");
        ArgumentNullException.ThrowIfNull(Tree, "tree");
        Tree.Validated();
        return this;
    }
}
