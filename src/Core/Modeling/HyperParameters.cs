using System.Globalization;
using System.Reflection;

namespace StreamMl.Core.Modeling;

/// <summary>
/// Sets a trainer's options from the spec's hyper-parameters by name: "numberOfLeaves" sets the
/// public numeric field NumberOfLeaves of the options, or of its nested Booster options (LightGBM).
/// </summary>
/// <remarks>
/// Names are read off ML.NET's own option fields so that every numeric knob is reachable without a
/// hand-kept table. Seeds and thread counts are not settable: the spec's seed and a single thread
/// are what make retraining reproducible.
/// </remarks>
internal static class HyperParameters
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "Seed", "NumberOfThreads", "FeatureSelectionSeed" };

    public static T Apply<T>(string trainer, T options, IReadOnlyDictionary<string, double> values, IReadOnlyDictionary<string, string>? aliases = null)
        where T : class
    {
        foreach (var (name, value) in values)
        {
            var fieldName = aliases is not null && aliases.TryGetValue(name, out var alias) ? alias : name;
            var (target, field) = Find(options, fieldName)
                ?? throw new ModelTrainingException($"trainer '{trainer}' has no hyper-parameter '{name}'; known: {string.Join(", ", Known(options, aliases))}");
            if (!double.IsFinite(value))
                throw new ModelTrainingException($"trainer '{trainer}': hyper-parameter '{name}' must be a finite number");
            field.SetValue(target, Convert(trainer, name, value, field.FieldType));
        }
        return options;
    }

    private static (object Target, FieldInfo Field)? Find(object options, string name)
    {
        if (Settable(options.GetType(), name) is { } field) return (options, field);
        // LightGBM keeps its regularisation and sampling knobs on the booster's own options.
        var booster = options.GetType().GetProperty("Booster")?.GetValue(options);
        if (booster is not null && Settable(booster.GetType(), name) is { } inner) return (booster, inner);
        return null;
    }

    private static FieldInfo? Settable(Type type, string name)
    {
        if (Reserved.Contains(name)) return null;
        var field = type.GetField(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return field is not null && IsNumeric(field.FieldType) ? field : null;
    }

    private static bool IsNumeric(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) || t == typeof(float) || t == typeof(double);
    }

    private static object Convert(string trainer, string name, double value, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        // Box as the field's own type: reflection will not narrow a double into a float field.
        if (t == typeof(float)) return (float)value;
        if (t == typeof(double)) return value;
        if (value != Math.Floor(value) || value < 0 || value > int.MaxValue)
            throw new ModelTrainingException($"trainer '{trainer}': hyper-parameter '{name}' must be a whole number, not {value.ToString(CultureInfo.InvariantCulture)}");
        return (int)value;
    }

    private static IEnumerable<string> Known(object options, IReadOnlyDictionary<string, string>? aliases)
    {
        var booster = options.GetType().GetProperty("Booster")?.GetValue(options);
        var types = booster is null ? new[] { options.GetType() } : [options.GetType(), booster.GetType()];
        var names = types
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance))
            .Where(f => IsNumeric(f.FieldType) && !Reserved.Contains(f.Name))
            .Select(f => char.ToLowerInvariant(f.Name[0]) + f.Name[1..]);
        return names.Concat(aliases?.Keys ?? []).Distinct().Order(StringComparer.Ordinal);
    }
}
