namespace StreamMl.Core.Drift;

/// <summary>The available two-sample drift tests; a result's <see cref="DriftTestResult.Test"/> is the member's name.</summary>
public enum DriftTestKind
{
    PopulationStabilityIndex,
    KolmogorovSmirnov,
    Wasserstein,
    JensenShannon,
    ChiSquared,
    LInfinity,
    TwoProportionZ,
}
