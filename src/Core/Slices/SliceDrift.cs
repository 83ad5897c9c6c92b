using System.Text.Json.Serialization;
using StreamMl.Core.Drift;
using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Spec;
using StreamMl.Core.Statistics;

namespace StreamMl.Core.Slices;

/// <summary>
/// The drift state of a slice: the reference profile, the alarms now raised (one per feature and test),
/// and the error-stream detector. Pure: it turns closed windows and labelled observations into
/// <see cref="DriftSignal"/>s and applies them, so replaying the signals rebuilds the alarms.
/// </summary>
public sealed class SliceDrift
{
    /// <summary>The profile windows are compared with: the serving model's training profile of this slice, else the first full window.</summary>
    public StatisticsSet? Reference { get; set; }
    /// <summary>The model whose training profile is the reference, when it is one.</summary>
    public string? ReferenceModel { get; set; }
    /// <summary>The window that became the reference, when no model profile is.</summary>
    public long? ReferenceWindow { get; set; }
    public Dictionary<string, DriftSignal> Alarms { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Whether the error detector's warning is raised.</summary>
    public bool ErrorWarning { get; set; }
    /// <summary>Error-stream updates since the detector last fired.</summary>
    public long ErrorUpdatesSinceDetection { get; set; }
    /// <summary>Errors among those updates.</summary>
    public long ErrorsSinceDetection { get; set; }
    /// <summary>The error rate of the stretch before the raised error alarm: the level a recovery returns to.</summary>
    public double? ErrorRateBeforeAlarm { get; set; }

    /// <summary>Not in snapshots: after a restart the detector starts afresh (the alarms it raised are kept).</summary>
    [JsonIgnore]
    public IDriftDetector? ErrorDetector { get; set; }

    /// <summary>
    /// Compares a closed window with the reference: the training profile of the model that scored it when
    /// there is one (a new model brings a new reference), otherwise the first full window.
    /// </summary>
    public List<DriftSignal> OnWindowClosed(ClosedWindow window, long atEvent, DriftSettings settings, string? modelVersion, StatisticsSet? modelProfile = null)
    {
        var signals = new List<DriftSignal>();
        if (modelProfile is not null && ReferenceModel != modelVersion)
        {
            Reference = modelProfile;
            ReferenceModel = modelVersion;
            ReferenceWindow = null;
        }
        else if (Reference is null)
        {
            Reference = window.Statistics;
            ReferenceWindow = window.Index;
            return signals;
        }
        var results = ProfileComparison.Compare(Reference, window.Statistics, settings).Where(r => !r.Result.Skipped).ToList();
        // Alpha is the family-wise level of the whole window: each of its m hypothesis tests is held to
        // alpha / m (Bonferroni), so a window of many features raises no more false alarms than one of few.
        var hypothesisTests = Math.Max(1, results.Count(r => r.Result.PValue is not null));
        foreach (var (feature, result) in results)
        {
            var threshold = result.PValue is null ? result.Threshold : settings.Alpha / hypothesisTests;
            var drift = result.PValue is { } p ? p < threshold : result.Drift;
            var key = DriftAlarmKey.Of(feature, result.Test);
            var raised = Alarms.ContainsKey(key);
            if (drift == raised) continue;
            var signal = new DriftSignal(drift ? DriftSignalKinds.Drift : DriftSignalKinds.Recovered, feature, result.Test,
                result.Statistic, threshold, result.PValue, window.Index, window.Start, window.End,
                atEvent, modelVersion);
            Apply(signal);
            signals.Add(signal);
        }
        return signals;
    }

    /// <summary>Feeds the error of a labelled binary prediction to the error detector; an unlabelled or regression one is ignored.</summary>
    /// <param name="label">The label (1 for the positive class); null when unknown.</param>
    /// <param name="predictedPositive">The predicted class; null for regression.</param>
    /// <param name="atEvent">The slice's lifetime event count, for a signal raised.</param>
    /// <param name="spec">The stream's drift section, which names the detector.</param>
    /// <param name="quietPeriod">Updates without a detection after which an alarm may recover.</param>
    /// <param name="modelVersion">The model version that made the prediction.</param>
    public DriftSignal? OnLabelled(double? label, bool? predictedPositive, long atEvent, DriftSpec spec, long quietPeriod, string? modelVersion)
    {
        if (label is not { } known || predictedPositive is not { } predicted) return null;
        ErrorDetector ??= DriftSpecRules.ErrorDetector(spec);
        if (ErrorDetector is null) return null;
        var error = predicted == (known == 1) ? 0 : 1;
        ErrorDetector.Update(error);
        ErrorUpdatesSinceDetection++;
        ErrorsSinceDetection += error;
        var key = DriftAlarmKey.Of(ErrorStream, ErrorDetector.Name);
        var raised = Alarms.ContainsKey(key);
        DriftSignal? signal = null;
        if (ErrorDetector.DriftDetected)
        {
            if (!raised)
            {
                ErrorRateBeforeAlarm = (double)ErrorsSinceDetection / ErrorUpdatesSinceDetection;
                signal = ErrorSignal(DriftSignalKinds.Drift, atEvent, modelVersion);
            }
            ErrorUpdatesSinceDetection = 0;
            ErrorsSinceDetection = 0;
        }
        else if (ErrorDetector.WarningDetected && !ErrorWarning && !raised)
        {
            signal = ErrorSignal(DriftSignalKinds.Warning, atEvent, modelVersion);
        }
        else if (raised && ErrorUpdatesSinceDetection >= quietPeriod && BackToLevelBeforeAlarm())
        {
            signal = ErrorSignal(DriftSignalKinds.Recovered, atEvent, modelVersion);
        }
        if (signal is not null) Apply(signal);
        return signal;
    }

    public const string ErrorStream = "error";

    /// <summary>
    /// The error rate since the detector last fired is within two binomial standard errors of the rate
    /// before the alarm: the error stream is back where it was, not merely stable at a worse level.
    /// </summary>
    private bool BackToLevelBeforeAlarm()
    {
        var before = ErrorRateBeforeAlarm ?? 0;
        var now = (double)ErrorsSinceDetection / ErrorUpdatesSinceDetection;
        return now <= before + 2 * Math.Sqrt(Math.Max(before * (1 - before), 1e-4) / ErrorUpdatesSinceDetection);
    }

    /// <summary>Applies a signal to the alarms: a drift raises one, a recovery clears it, a warning is noted.</summary>
    public void Apply(DriftSignal signal)
    {
        switch (signal.Kind)
        {
            case DriftSignalKinds.Drift:
                Alarms[signal.Key] = signal;
                if (signal.Feature == ErrorStream) ErrorWarning = false;
                break;
            case DriftSignalKinds.Recovered:
                Alarms.Remove(signal.Key);
                if (signal.Feature == ErrorStream) ErrorRateBeforeAlarm = null;
                break;
            case DriftSignalKinds.Warning:
                ErrorWarning = true;
                break;
        }
    }

    private DriftSignal ErrorSignal(string kind, long atEvent, string? modelVersion) =>
        new(kind, ErrorStream, ErrorDetector!.Name, null, null, null, null, null, null, atEvent, modelVersion);

    public SliceDrift Clone() => new()
    {
        Reference = Reference,
        ReferenceModel = ReferenceModel,
        ReferenceWindow = ReferenceWindow,
        Alarms = new Dictionary<string, DriftSignal>(Alarms, StringComparer.Ordinal),
        ErrorWarning = ErrorWarning,
        ErrorUpdatesSinceDetection = ErrorUpdatesSinceDetection,
        ErrorsSinceDetection = ErrorsSinceDetection,
        ErrorRateBeforeAlarm = ErrorRateBeforeAlarm,
    };
}
