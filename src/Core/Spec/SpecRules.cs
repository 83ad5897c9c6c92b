namespace StreamMl.Core.Spec;

/// <summary>The consistency rules of a spec; each broken rule yields a message naming its field.</summary>
internal static class SpecRules
{
    public static List<string> Check(PipelineSpec spec)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Name)) errors.Add("name: must not be empty");
        if (spec.Features.Count == 0) errors.Add("features: at least one feature is needed");
        var columns = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (var f in spec.Features)
        {
            if (string.IsNullOrWhiteSpace(f.Name)) errors.Add("features[].name: must not be empty");
            else if (!columns.TryAdd(f.Name, f.Kind)) errors.Add($"features.{f.Name}: defined twice");
            if (f.Min is { } min && f.Max is { } max && min > max) errors.Add($"features.{f.Name}: min {min} is above max {max}");
            if (f.Kind == ColumnKind.Numeric && f.Values is not null) errors.Add($"features.{f.Name}: values are only for categorical features");
            if (f.Kind == ColumnKind.Categorical && (f.Min is not null || f.Max is not null)) errors.Add($"features.{f.Name}: min/max are only for numeric features");
        }
        foreach (var d in spec.Derived)
        {
            if (!columns.TryGetValue(d.Source, out var kind) || kind != ColumnKind.Numeric)
                errors.Add($"derived.{d.Name}.source: '{d.Source}' is not a numeric feature");
            if (d.Labels.Count != d.Bounds.Count + 1)
                errors.Add($"derived.{d.Name}: needs exactly one more label ({d.Labels.Count}) than bounds ({d.Bounds.Count})");
            for (var i = 1; i < d.Bounds.Count; i++)
                if (d.Bounds[i] <= d.Bounds[i - 1]) errors.Add($"derived.{d.Name}.bounds: must be strictly ascending");
            if (!columns.TryAdd(d.Name, ColumnKind.Categorical)) errors.Add($"derived.{d.Name}: name already used");
        }
        if (string.IsNullOrWhiteSpace(spec.Label.Name)) errors.Add("label.name: must not be empty");
        else if (columns.ContainsKey(spec.Label.Name)) errors.Add($"label.name: '{spec.Label.Name}' is also a feature");
        foreach (var slice in spec.Slices)
            foreach (var column in SliceColumns(slice))
                if (!columns.TryGetValue(column, out var kind)) errors.Add($"slices: '{column}' is not a feature or derived column");
                else if (kind != ColumnKind.Categorical) errors.Add($"slices: '{column}' is numeric; slice on a categorical or derived column");
        if (spec.Window.Events < 1) errors.Add("window.events: must be at least 1");
        errors.AddRange(Drift.DriftSpecRules.Check(spec.Drift, columns.Keys));
        errors.AddRange(Lifecycle.LifecycleSpecRules.Check(spec));
        if (spec.MaxEventBytes < 64) errors.Add("maxEventBytes: must be at least 64");
        if (string.IsNullOrWhiteSpace(spec.Model.Trainer)) errors.Add("model.trainer: must not be empty");
        return errors;
    }

    public static string[] SliceColumns(string slice) =>
        slice.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
