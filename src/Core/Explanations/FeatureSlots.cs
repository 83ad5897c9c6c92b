using Microsoft.ML;
using Microsoft.ML.Data;
using StreamMl.Core.Modeling;

namespace StreamMl.Core.Explanations;

/// <summary>Which spec feature each slot of an ML.NET model's Features vector comes from.</summary>
/// <remarks>
/// <see cref="ModelTrainer"/> concatenates the numeric features (imputed, and scaled for linear trainers), one slot
/// each in spec order, then the one-hot encoding of the categorical features. The one-hot encoder keeps one
/// vocabulary for the whole categorical column, so every categorical feature gets a block of K slots (K the values
/// seen in training, across all categorical features), feature after feature. The slot names
/// (<c>NumericReady.x</c>, or <c>x</c> when there is no categorical column; <c>CategoricalOneHot.colour.red</c>) are
/// checked against that layout, so a model built some other way is refused rather than explained wrongly.
/// </remarks>
internal static class FeatureSlots
{
    public const string NumericPrefix = "NumericReady.";
    public const string CategoricalPrefix = "CategoricalOneHot.";

    /// <summary>The player (see <see cref="FeaturePlayers"/>) of each Features slot.</summary>
    /// <exception cref="ExplanationException">The Features column is not laid out as the trainer lays it out.</exception>
    public static int[] Map(TrainedModel model)
    {
        var schema = model.Schema;
        var output = model.Transformer.GetOutputSchema(model.InputSchema);
        var column = output.GetColumnOrNull(ModelTrainer.FeaturesColumn)
            ?? throw new ExplanationException("the model has no Features column");
        if (column.Type is not VectorDataViewType { Size: > 0 } vector)
            throw new ExplanationException($"the model's Features column is {column.Type}, not a vector of known size");
        var size = vector.Size;
        var categoricalSlots = size - schema.NumericCount;
        if (categoricalSlots < 0 || (schema.CategoricalCount == 0 ? categoricalSlots != 0 : categoricalSlots % schema.CategoricalCount != 0))
            throw new ExplanationException($"the model's {size} feature slots do not fit {schema.NumericCount} numeric and {schema.CategoricalCount} categorical features");
        var perCategory = schema.CategoricalCount == 0 ? 0 : categoricalSlots / schema.CategoricalCount;
        var players = new int[size];
        for (var i = 0; i < size; i++)
            players[i] = i < schema.NumericCount ? i : schema.NumericCount + (i - schema.NumericCount) / perCategory;
        Check(column, players, schema);
        return players;
    }

    private static void Check(DataViewSchema.Column column, int[] players, ModelSchema schema)
    {
        if (!column.HasSlotNames()) return;
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetSlotNames(ref names);
        var i = 0;
        foreach (var name in names.DenseValues())
        {
            var player = players[i];
            var text = name.ToString();
            var expected = player < schema.NumericCount
                ? schema.NumericNames[player]
                : CategoricalPrefix + schema.CategoricalNames[player - schema.NumericCount] + ".";
            // Concatenating a single column keeps its slot names as they are; several columns prefix them with the column's name.
            var fits = player < schema.NumericCount
                ? text == expected || text == NumericPrefix + expected
                : text.StartsWith(expected, StringComparison.Ordinal);
            if (!fits) throw new ExplanationException($"feature slot {i} is named '{text}'; the trainer's layout puts {expected} there");
            i++;
        }
    }
}
