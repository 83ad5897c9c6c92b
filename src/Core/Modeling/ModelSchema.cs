using Microsoft.ML;
using Microsoft.ML.Data;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Modeling;

/// <summary>The ML.NET input schema a spec implies, and the mapping of events onto it.</summary>
public sealed class ModelSchema
{
    public ModelSchema(CompiledSpec spec)
    {
        Spec = spec;
        NumericCount = spec.NumericFeatures.Count;
        CategoricalCount = spec.CategoricalFeatures.Count;
        IsBinary = spec.Spec.Label.Kind == LabelKind.Binary;
        NumericNames = new string[NumericCount];
        for (var i = 0; i < NumericCount; i++) NumericNames[i] = spec.NumericFeatures[i].Name;
        CategoricalNames = new string[CategoricalCount];
        for (var i = 0; i < CategoricalCount; i++) CategoricalNames[i] = spec.CategoricalFeatures[i].Name;
    }

    public CompiledSpec Spec { get; }
    public int NumericCount { get; }
    public int CategoricalCount { get; }
    public bool IsBinary { get; }
    public bool HasCategorical => CategoricalCount > 0;
    internal string[] NumericNames { get; }
    internal string[] CategoricalNames { get; }

    /// <summary>A fresh definition each call: ML.NET keeps references to it, so it must not be shared and mutated.</summary>
    public SchemaDefinition Definition()
    {
        var definition = SchemaDefinition.Create(typeof(ModelInput));
        var numeric = definition[nameof(ModelInput.Numeric)];
        numeric.ColumnType = new VectorDataViewType(NumberDataViewType.Single, NumericCount);
        AddSlotNames(numeric, NumericNames);
        var categorical = definition[nameof(ModelInput.Categorical)];
        if (HasCategorical)
        {
            categorical.ColumnType = new VectorDataViewType(TextDataViewType.Instance, CategoricalCount);
            AddSlotNames(categorical, CategoricalNames);
        }
        else
        {
            // A zero-length vector would still reach the one-hot encoder, which refuses it.
            definition.Remove(categorical);
        }
        var label = definition[IsBinary ? nameof(ModelInput.BinaryLabel) : nameof(ModelInput.NumericLabel)];
        label.ColumnName = ModelInput.LabelColumn;
        definition.Remove(definition[IsBinary ? nameof(ModelInput.NumericLabel) : nameof(ModelInput.BinaryLabel)]);
        return definition;
    }

    public ModelInput NewInput() => new()
    {
        Numeric = new float[NumericCount],
        Categorical = new string[CategoricalCount],
    };

    /// <summary>Copies an event into a reusable input; called per event, so no LINQ and no allocation.</summary>
    public void Fill(ValidEvent e, ModelInput input)
    {
        var numeric = e.Numeric;
        var target = input.Numeric;
        for (var i = 0; i < target.Length; i++) target[i] = (float)numeric[i];
        var categorical = e.Categorical;
        var names = input.Categorical;
        for (var i = 0; i < names.Length; i++) names[i] = categorical[i] ?? string.Empty;
        if (e.Label is { } label)
        {
            input.BinaryLabel = label >= 0.5;
            input.NumericLabel = (float)label;
        }
        else
        {
            input.BinaryLabel = false;
            input.NumericLabel = float.NaN;
        }
    }

    public ModelInput ToInput(ValidEvent e)
    {
        var input = NewInput();
        Fill(e, input);
        return input;
    }

    /// <summary>The events as an ML.NET data view, read lazily.</summary>
    public IDataView Load(MLContext context, IReadOnlyList<ValidEvent> events) =>
        context.Data.LoadFromEnumerable(new InputList(this, events), Definition());

    /// <summary>Why a saved model's input schema cannot take this spec's events, or null when it can.</summary>
    public string? Mismatch(DataViewSchema saved)
    {
        var problem = VectorMismatch(saved, ModelInput.NumericColumn, NumberDataViewType.Single, NumericNames);
        if (problem is not null) return problem;
        var categorical = saved.GetColumnOrNull(ModelInput.CategoricalColumn);
        if (HasCategorical)
            problem = VectorMismatch(saved, ModelInput.CategoricalColumn, TextDataViewType.Instance, CategoricalNames);
        else if (categorical is not null)
            problem = "the model has categorical features; the spec has none";
        if (problem is not null) return problem;
        var label = saved.GetColumnOrNull(ModelInput.LabelColumn);
        DataViewType expected = IsBinary ? BooleanDataViewType.Instance : NumberDataViewType.Single;
        if (label is null || !label.Value.Type.Equals(expected))
            return $"the model's label is {label?.Type.ToString() ?? "absent"}; the spec's {Spec.Spec.Label.Kind} label needs {expected}";
        return null;
    }

    private static string? VectorMismatch(DataViewSchema saved, string name, PrimitiveDataViewType itemType, string[] expected)
    {
        var column = saved.GetColumnOrNull(name);
        if (column is null) return $"the model has no {name} column";
        if (column.Value.Type is not VectorDataViewType vector || !vector.ItemType.Equals(itemType) || vector.Size != expected.Length)
            return $"the model's {name} column is {column.Value.Type}; the spec needs {expected.Length} values of {itemType}";
        if (!column.Value.HasSlotNames())
            return $"the model's {name} column does not name its features";
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.Value.GetSlotNames(ref names);
        var values = names.DenseValues().ToArray();
        for (var i = 0; i < expected.Length; i++)
            if (!values[i].Span.SequenceEqual(expected[i]))
                return $"{name} feature {i} is '{values[i]}' in the model but '{expected[i]}' in the spec";
        return null;
    }

    private static void AddSlotNames(SchemaDefinition.Column column, string[] names)
    {
        var slots = new ReadOnlyMemory<char>[names.Length];
        for (var i = 0; i < names.Length; i++) slots[i] = names[i].AsMemory();
        column.AddAnnotation(
            "SlotNames",
            new VBuffer<ReadOnlyMemory<char>>(slots.Length, slots),
            new VectorDataViewType(TextDataViewType.Instance, slots.Length));
    }

    /// <summary>Maps events to inputs on demand so a large training set is never copied twice.</summary>
    private sealed class InputList(ModelSchema schema, IReadOnlyList<ValidEvent> events) : IEnumerable<ModelInput>
    {
        public IEnumerator<ModelInput> GetEnumerator()
        {
            for (var i = 0; i < events.Count; i++) yield return schema.ToInput(events[i]);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
