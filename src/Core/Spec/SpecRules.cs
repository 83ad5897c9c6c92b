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
        errors.AddRange(ModelRules(spec));
        return errors;
    }

    private static IEnumerable<string> ModelRules(PipelineSpec spec)
    {
        var model = spec.Model;
        if (model.Kind is not null && !ModelKinds.All.Contains(model.Kind))
        {
            yield return $"model.kind: '{model.Kind}' is not one of {string.Join(", ", ModelKinds.All)}";
            yield break;
        }
        if (model.Trainer is not null && string.IsNullOrWhiteSpace(model.Trainer)) yield return "model.trainer: must not be empty";
        if (!model.IsOnline)
        {
            if (model.Trainer is null) yield return "model.trainer: a batch model needs a trainer";
            yield break;
        }
        if (model.Online is not { } online)
        {
            yield return "model.online: an online model needs its learner (model.online.learner)";
            yield break;
        }
        string? learnerError = null;
        try
        {
            online.Learning().Validate();
            if (!Learning.LearnerCatalog.Supports(online.Learner, spec.Label.Kind))
                learnerError = $"learner: {online.Learner} cannot learn a {spec.Label.Kind.ToString().ToLowerInvariant()} label";
        }
        catch (ArgumentException e)
        {
            learnerError = e.Message;
            var cut = learnerError.IndexOf(" (Parameter '", StringComparison.Ordinal);
            if (cut > 0) learnerError = learnerError[..cut];
        }
        if (learnerError is not null) yield return $"model.online.{learnerError}";
        if (!OnlineDriftReactions.All.Contains(online.OnDrift))
            yield return $"model.online.onDrift: '{online.OnDrift}' is not one of {string.Join(", ", OnlineDriftReactions.All)}";
        if (online.CheckpointEveryLabels < 1) yield return $"model.online.checkpointEveryLabels: {online.CheckpointEveryLabels} is not at least 1";
        if (online.CheckpointEverySeconds < 1) yield return $"model.online.checkpointEverySeconds: {online.CheckpointEverySeconds} is not at least 1";
        if (online.DuplicateWindow < 0) yield return $"model.online.duplicateWindow: {online.DuplicateWindow} is negative";
    }

    public static string[] SliceColumns(string slice) =>
        slice.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
