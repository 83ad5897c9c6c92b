using System.Globalization;

namespace StreamMl.Core.Registry;

/// <summary>
/// The model registry as its journal makes it: versions, the champion and challenger aliases, the
/// serving plan, and each version's lineage. Pure: <see cref="Apply"/> is the only way it changes, so
/// replaying the journal rebuilds it exactly.
/// </summary>
public sealed partial class RegistryState
{
    private readonly Dictionary<string, ModelEntry> _models = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LineageStep>> _versionSteps = new(StringComparer.Ordinal);
    private readonly List<string> _previousChampions = [];
    private readonly Dictionary<string, long> _placedAt = new(StringComparer.Ordinal);

    public string? Champion { get; private set; }
    public string? Challenger { get; private set; }
    /// <summary>Shadow or canary while there is a challenger.</summary>
    public string ChallengerMode { get; private set; } = ServingModes.Full;
    public double CanaryShare { get; private set; }
    public long PlanRevision { get; private set; }
    public int Runs => _runs.Count;

    /// <summary>Every version, in the order it was registered.</summary>
    public IEnumerable<ModelEntry> Models => _order.Select(v => _models[v]);

    public ModelEntry? Find(string version) => _models.GetValueOrDefault(version);

    /// <summary>The champions before the current one, most recent last: where a rollback goes.</summary>
    public IReadOnlyList<string> PreviousChampions => _previousChampions;

    /// <summary>What every node should serve now.</summary>
    public ServingPlan Plan => new(PlanRevision, Planned(Champion), Planned(Challenger),
        Challenger is null ? ServingModes.Full : ChallengerMode, Challenger is null ? 0 : CanaryShare);

    /// <summary>The run id the next training run gets.</summary>
    public string NextRunId() => $"run-{_runs.Count + 1}";

    /// <summary>The next free version: one past the largest "vN" registered or reserved by a run.</summary>
    public string NextVersion()
    {
        var largest = 0;
        foreach (var version in _order.Concat(_runs.Values.Select(r => r.Version)))
            if (version.Length > 1 && version[0] == 'v' && int.TryParse(version.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                largest = Math.Max(largest, n);
        return $"v{largest + 1}";
    }

    /// <summary>The version a run's model is registered as, or null for an unknown run.</summary>
    public string? VersionOf(string runId) => _runs.GetValueOrDefault(runId)?.Version;

    /// <summary>The run a training result belongs to, or null when the registry never heard of it.</summary>
    public bool HasRun(string runId) => _runs.ContainsKey(runId);

    /// <summary>The whole chain of a version: trigger, snapshot, training, evaluation, gate, promotions, deployments; null for an unknown version.</summary>
    public IReadOnlyList<LineageStep>? Lineage(string version)
    {
        if (!_models.TryGetValue(version, out var entry)) return null;
        var steps = new List<LineageStep>();
        if (entry.RunId is { } runId && _runs.TryGetValue(runId, out var run)) steps.AddRange(run.Steps);
        if (_versionSteps.TryGetValue(version, out var own)) steps.AddRange(own);
        steps.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return steps;
    }

    /// <summary>Applies one journal event; <paramref name="sequence"/> is its sequence number.</summary>
    public void Apply(IRegistryEvent e, long sequence)
    {
        var step = new LineageStep(sequence, KindOf(e), e);
        switch (e)
        {
            case ModelImported imported:
                Register(new ModelEntry(imported.Version, null, imported.Model, imported.Metrics, null, null, ModelStatuses.Ready, imported.At,
                    new Dictionary<string, string>(StringComparer.Ordinal)));
                VersionSteps(imported.Version).Add(step);
                break;
            case TrainingRequested requested:
                _runs[requested.RunId] = new Run(requested.Version) { Steps = { step } };
                break;
            case TrainingSnapshotTaken snapshot:
                RunOf(snapshot.RunId).Steps.Add(step);
                break;
            case TrainingFailed failed:
                RunOf(failed.RunId).Steps.Add(step);
                break;
            case ModelTrained trained:
                RunOf(trained.RunId).Steps.Add(step);
                Register(new ModelEntry(trained.Version, trained.RunId, trained.Model, null, null, null, ModelStatuses.Trained, trained.At,
                    new Dictionary<string, string>(StringComparer.Ordinal)));
                break;
            case ModelEvaluated evaluated:
                RunOf(evaluated.RunId).Steps.Add(step);
                Update(evaluated.Version, m => m with { Evaluation = evaluated.Challenger, Metrics = evaluated.Challenger.Overall, Importance = evaluated.Importance });
                break;
            case GateDecided gate:
                RunOf(gate.RunId).Steps.Add(step);
                Update(gate.Version, m => m with { Gate = gate.Decision, Status = gate.Decision.Passed ? ModelStatuses.Ready : ModelStatuses.Rejected });
                break;
            case ModelPromoted promoted:
            {
                VersionSteps(promoted.Version).Add(step);
                var before = Places();
                Promote(promoted);
                PlanRevision++;
                Replaced(before);
                break;
            }
            case ModelRolledBack rolledBack:
            {
                VersionSteps(rolledBack.From).Add(step);
                VersionSteps(rolledBack.To).Add(step);
                var before = Places();
                RollBack(rolledBack);
                PlanRevision++;
                Replaced(before);
                break;
            }
            case ModelDeployed deployed:
                VersionSteps(deployed.Version).Add(step);
                Update(deployed.Version, m => m with { Deployments = With(m.Deployments, deployed.Node, "deployed") });
                break;
            case ModelRefused refused:
                VersionSteps(refused.Version).Add(step);
                Update(refused.Version, m => m with { Deployments = With(m.Deployments, refused.Node, $"refused: {refused.Reason}") });
                break;
            default:
                if (!ApplyOnline(e, step)) throw new ArgumentException($"unknown registry event {e.GetType().Name}", nameof(e));
                break;
        }
    }

    /// <summary>Every event applied so far, once each, in journal order: the content of a snapshot, which replays them.</summary>
    public IReadOnlyList<LineageStep> History() =>
        _versionSteps.Values.SelectMany(s => s).Concat(_runs.Values.SelectMany(r => r.Steps))
            .DistinctBy(s => s.Sequence).OrderBy(s => s.Sequence).ToList();

    /// <summary>A state rebuilt from a <see cref="History"/>.</summary>
    public static RegistryState Replay(IEnumerable<LineageStep> history)
    {
        var state = new RegistryState();
        foreach (var step in history) state.Apply(step.Event, step.Sequence);
        return state;
    }

    /// <summary>The lineage name of an event: its type name without the namespace, e.g. "ModelPromoted".</summary>
    public static string KindOf(IRegistryEvent e) => e.GetType().Name;

    private void Promote(ModelPromoted promoted)
    {
        if (promoted.Mode == ServingModes.Full)
        {
            if (Champion is { } previous)
            {
                _previousChampions.Add(previous);
                SetStatus(previous, ModelStatuses.Retired);
            }
            if (Challenger == promoted.Version) Challenger = null;
            Champion = promoted.Version;
            SetStatus(promoted.Version, ModelStatuses.Champion);
            return;
        }
        if (Challenger is { } replaced && replaced != promoted.Version) SetStatus(replaced, ModelStatuses.Ready);
        Challenger = promoted.Version;
        ChallengerMode = promoted.Mode;
        CanaryShare = promoted.Mode == ServingModes.Canary ? promoted.CanaryShare : 0;
        SetStatus(promoted.Version, ModelStatuses.Challenger);
    }

    private void RollBack(ModelRolledBack rolledBack)
    {
        SetStatus(rolledBack.From, ModelStatuses.Retired);
        var at = _previousChampions.LastIndexOf(rolledBack.To);
        if (at >= 0) _previousChampions.RemoveAt(at);
        if (Challenger is { } challenger)
        {
            SetStatus(challenger, ModelStatuses.Ready);
            Challenger = null;
        }
        Champion = rolledBack.To;
        SetStatus(rolledBack.To, ModelStatuses.Champion);
    }

    /// <summary>Where each version of the plan serves: champion, or challenger with its mode and share.</summary>
    private Dictionary<string, string> Places()
    {
        var places = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Champion is { } champion) places[champion] = ModelStatuses.Champion;
        if (Challenger is { } challenger) places[challenger] = $"{ChallengerMode}:{CanaryShare.ToString("R", CultureInfo.InvariantCulture)}";
        return places;
    }

    /// <summary>
    /// A version whose place in the plan changed (it entered, left, or serves in another mode or share) forgets
    /// its deployments: nodes report anew on the new plan, and those reports go into its lineage.
    /// </summary>
    private void Replaced(Dictionary<string, string> before)
    {
        var after = Places();
        foreach (var version in before.Keys.Union(after.Keys))
        {
            if (before.GetValueOrDefault(version) == after.GetValueOrDefault(version)) continue;
            _placedAt[version] = PlanRevision;
            Update(version, m => m with { Deployments = new Dictionary<string, string>(StringComparer.Ordinal) });
        }
    }

    private void Register(ModelEntry entry)
    {
        if (_models.ContainsKey(entry.Version)) throw new InvalidOperationException($"model version {entry.Version} is registered twice");
        _models[entry.Version] = entry;
        _order.Add(entry.Version);
    }

    private void SetStatus(string version, string status) => Update(version, m => m with { Status = status });

    private void Update(string version, Func<ModelEntry, ModelEntry> change)
    {
        if (_models.TryGetValue(version, out var entry)) _models[version] = change(entry);
    }

    private Run RunOf(string runId) =>
        _runs.TryGetValue(runId, out var run) ? run : throw new InvalidOperationException($"unknown training run {runId}");

    private List<LineageStep> VersionSteps(string version)
    {
        if (!_versionSteps.TryGetValue(version, out var steps)) _versionSteps[version] = steps = [];
        return steps;
    }

    private PlannedModel? Planned(string? version) =>
        version is not null && _models.TryGetValue(version, out var entry)
            ? new PlannedModel(version, entry.Model.ArtifactSha256, entry.Model.ProfileSha256, entry.Model.Online)
            : null;

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> map, string key, string value) =>
        new(map, StringComparer.Ordinal) { [key] = value };

    private sealed class Run(string version)
    {
        public string Version { get; } = version;
        public List<LineageStep> Steps { get; } = [];
    }
}
