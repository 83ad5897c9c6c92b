using StreamMl.Core.Drift.Detectors;

namespace StreamMl.Core.Learning.Linear;

/// <summary>Settings of the linear models learnt by plain SGD; the defaults are River's.</summary>
public sealed record SgdOptions
{
    /// <summary>Step size of the weights. Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Step size of the intercept. Default 0.01.</summary>
    public double InterceptLearningRate { get; init; } = 0.01;

    /// <summary>L2 penalty on the weights (not the intercept). Default 0.</summary>
    public double L2 { get; init; }

    /// <summary>Buckets the categorical values are hashed into. Default 1024.</summary>
    public int HashBuckets { get; init; } = 1024;

    internal static SgdOptions Read(HyperParameterReader p)
    {
        var d = new SgdOptions();
        return new SgdOptions
        {
            LearningRate = p.Real("learningRate", d.LearningRate),
            InterceptLearningRate = p.Real("interceptLearningRate", d.InterceptLearningRate),
            L2 = p.Real("l2", d.L2),
            HashBuckets = p.Integer("hashBuckets", d.HashBuckets),
        };
    }

    internal SgdOptions Validated()
    {
        Guard.Positive(LearningRate, "learningRate");
        Guard.NonNegative(InterceptLearningRate, "interceptLearningRate");
        Guard.NonNegative(L2, "l2");
        Guard.AtLeast(HashBuckets, 1, "hashBuckets");
        if (HashBuckets > 1 << 24) throw new ArgumentOutOfRangeException("hashBuckets", HashBuckets, "hashBuckets must be at most 16777216.");
        return this;
    }
}
