using StreamMl.Core.Spec;

namespace StreamMl.Tests.Replay;

internal static class ReplayTestSpecs
{
    /// <summary>Two numeric features, one categorical, a binary label.</summary>
    public static PipelineSpec Mixed(LabelKind labelKind = LabelKind.Binary) => new()
    {
        Name = "mixed",
        Features =
        [
            new FeatureSpec { Name = "x", Kind = ColumnKind.Numeric },
            new FeatureSpec { Name = "y", Kind = ColumnKind.Numeric },
            new FeatureSpec { Name = "city", Kind = ColumnKind.Categorical },
        ],
        Label = new LabelSpec { Name = "class", Kind = labelKind },
        Model = new ModelSpec { Trainer = "FastTree" },
    };
}
