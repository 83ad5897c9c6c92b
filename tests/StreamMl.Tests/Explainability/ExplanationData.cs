using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Tests.Explainability;

/// <summary>Seeded events with numeric and categorical features (some missing) for explaining every kind of model.</summary>
internal static class ExplanationData
{
    public static readonly string[] Numeric = ["x1", "x2", "x3"];
    public static readonly string[] Categorical = ["colour", "size"];

    /// <summary>A spec over x1..x3, colour and size, with the given trainer and label kind.</summary>
    public static CompiledSpec Spec(string trainer, LabelKind label = LabelKind.Binary, Dictionary<string, double>? hyperParameters = null) => new(new PipelineSpec
    {
        Name = "mixed",
        Features =
        [
            .. Numeric.Select(n => new FeatureSpec { Name = n, Kind = ColumnKind.Numeric }),
            .. Categorical.Select(n => new FeatureSpec { Name = n, Kind = ColumnKind.Categorical }),
        ],
        Label = new LabelSpec { Name = "y", Kind = label },
        Model = new ModelSpec { Trainer = trainer, HyperParameters = hyperParameters ?? [], Seed = 1 },
    });

    public static LearnerSchema Schema(LabelKind label = LabelKind.Binary) => new(Numeric, Categorical, label);

    /// <summary>
    /// The label depends on x1, x2, the colour and the size, never on x3; x1 is missing 5% of the time, the size 10%,
    /// and a few colours are rare.
    /// </summary>
    public static ValidEvent[] Events(long seed, int count, LabelKind label = LabelKind.Binary, string idPrefix = "e")
    {
        var random = new Random((int)seed);
        string[] sizes = ["s", "m", "l"];
        var events = new ValidEvent[count];
        for (var i = 0; i < count; i++)
        {
            double x1 = random.NextDouble(), x2 = 3 * random.NextDouble() - 1, x3 = random.NextDouble();
            var colour = random.NextDouble() < 0.95 ? "c" + random.Next(4) : "rare" + random.Next(50);
            var size = random.NextDouble() < 0.1 ? null : sizes[random.Next(3)];
            var score = 2 * x1 - x2 + (colour == "c1" ? 1.5 : 0) + (size == "l" ? 0.8 : 0) - 0.5;
            double y = label == LabelKind.Binary
                ? (random.NextDouble() < 1 / (1 + Math.Exp(-3 * score)) ? 1 : 0)
                : score + 0.1 * (random.NextDouble() - 0.5);
            if (random.NextDouble() < 0.05) x1 = double.NaN;
            events[i] = new ValidEvent($"{idPrefix}-{i}", null, [x1, x2, x3], [colour, size], [], y, ["*"]);
        }
        return events;
    }
}
