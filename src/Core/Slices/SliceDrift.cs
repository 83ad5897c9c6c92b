using System.Text.Json.Serialization;
using StreamMl.Core.Drift;
using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Spec;
using StreamMl.Core.Statistics;

namespace StreamMl.Core.Slices;

/// <summary>
/// The drift state of a slice: the reference profile, the alarms now raised (one per feature and test), and the
/// error-stream detector. Pure: it turns closed windows and labelled observations into <see cref="DriftSignal"/>s and
/// applies them, so replaying the signals rebuilds the alarms.
/// </summary>
/// <remarks>
/// An alarm is derived from detections. A window test's alarm is raised by the first window whose test finds drift
/// and recovers after <see cref="DriftSpec.RecoveryWindows"/> windows in a row that do not (hysteresis: a test near its
/// threshold flaps far less often). The error detector is re-armed after each firing and every firing is a detection;
/// its alarm is raised by the first, stays raised through later ones, and recovers once a quiet window goes by with
/// the error rate back where it was before the alarm, or when the serving model changes (see the error-stream part).
/// </remarks>
public sealed partial class SliceDrift
{
    /// <summary>The profile windows are compared with: the serving model's training profile of this slice, else the first full window.</summary>
    public StatisticsSet? Reference { get; set; }
    /// <summary>The model whose training profile is the reference, when it is one.</summary>
    public string? ReferenceModel { get; set; }
    /// <summary>The window that became the reference, when no model profile is.</summary>
    public long? ReferenceWindow { get; set; }
    /// <summary>The raised alarms by key, each as its latest detection.</summary>
    public Dictionary<string, DriftSignal> Alarms { get; set; } = new(StringComparer.Ordinal);
    /// <summary>For raised window-test alarms, the windows in a row that have not shown the drift.</summary>
    public Dictionary<string, int> QuietWindows { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Whether the error detector's warning is raised.</summary>
    public bool ErrorWarning { get; set; }
    /// <summary>Error-stream updates since the detector last fired (or was re-baselined).</summary>
    public long ErrorUpdatesSinceDetection { get; set; }
    /// <summary>Errors among those updates.</summary>
    public long ErrorsSinceDetection { get; set; }
    /// <summary>The error rate of the stretch before the raised error alarm: the level a recovery returns to.</summary>
    public double? ErrorRateBeforeAlarm { get; set; }
    /// <summary>The serving model (the batches' model version) whose errors the detector watches.</summary>
    public string? ServingModel { get; set; }
    /// <summary>
    /// Detections that renewed the raised error alarm since the last window closed, in order: applied to
    /// <see cref="Alarms"/> at once but given out together when the next window closes (or the serving model changes),
    /// so that a detector firing again and again while its alarm stays raised writes one journal event per window
    /// instead of one per batch. The raising detection goes out at once.
    /// </summary>
    public List<DriftSignal> HeldRenewals { get; set; } = [];

    /// <summary>Not in snapshots: after a restart the detector starts afresh (the alarms it raised are kept).</summary>
    [JsonIgnore]
    public IDriftDetector? ErrorDetector { get; set; }

    /// <summary>
    /// Compares a closed window with the reference (the training profile of the model that scored it when there is one,
    /// a new model bringing a new reference, otherwise the first full window) and updates the window tests' alarms;
    /// then lets a quiet error alarm recover. All the changes a window makes come out together.
    /// </summary>
    public List<DriftSignal> OnWindowClosed(ClosedWindow window, long atEvent, CompiledSpec spec, string? modelVersion, StatisticsSet? modelProfile = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(spec);
        // The renewals held over the window come first: they happened before it closed, and were applied then.
        var signals = TakeHeldRenewals();
        var held = signals.Count;
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
        foreach (var (feature, result) in ProfileComparison.Compare(Reference, window.Statistics, spec.DriftSettings))
        {
            if (result.Skipped) continue;
            var key = DriftAlarmKey.Of(feature, result.Test);
            var raised = Alarms.TryGetValue(key, out var alarm);
            if (result.Drift)
            {
                if (raised) QuietWindows[key] = 0;
                else signals.Add(WindowSignal(DriftSignalKinds.Drift, feature, result, window, atEvent, modelVersion, atEvent, 1));
            }
            else if (raised)
            {
                var quiet = QuietWindows.GetValueOrDefault(key) + 1;
                if (quiet < spec.Spec.Drift.RecoveryWindows) QuietWindows[key] = quiet;
                else signals.Add(WindowSignal(DriftSignalKinds.Recovered, feature, result, window, atEvent, modelVersion, alarm!.RaisedAtEvent, alarm.Detections));
            }
        }
        if (ErrorRecovery(atEvent, spec.Spec.Window.Events, modelVersion) is { } recovered) signals.Add(recovered);
        for (var i = held; i < signals.Count; i++) Apply(signals[i]);
        return signals;
    }

    /// <summary>The held renewals (see <see cref="HeldRenewals"/>), now given out; none are held after.</summary>
    public List<DriftSignal> TakeHeldRenewals()
    {
        var taken = new List<DriftSignal>(HeldRenewals);
        HeldRenewals.Clear();
        return taken;
    }

    /// <summary>Applies a signal to the alarms: a detection raises its alarm (or renews it), a recovery clears it, a warning is noted.</summary>
    public void Apply(DriftSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        // Replayed from the journal, a renewal a snapshot still held went out already: it is not held any more.
        if (HeldRenewals.Count > 0) HeldRenewals.Remove(signal);
        var errorStream = signal.Feature == ErrorStream;
        switch (signal.Kind)
        {
            case DriftSignalKinds.Drift:
                var raised = Alarms.ContainsKey(signal.Key);
                Alarms[signal.Key] = signal;
                QuietWindows.Remove(signal.Key);
                if (errorStream)
                {
                    ErrorWarning = false;
                    if (!raised) ErrorRateBeforeAlarm = signal.Statistic;
                }
                break;
            case DriftSignalKinds.Recovered:
                Alarms.Remove(signal.Key);
                QuietWindows.Remove(signal.Key);
                if (errorStream)
                {
                    ErrorRateBeforeAlarm = null;
                    ErrorWarning = false;
                }
                break;
            case DriftSignalKinds.Warning:
                ErrorWarning = true;
                break;
        }
    }

    private static DriftSignal WindowSignal(string kind, string feature, DriftTestResult result, ClosedWindow window, long atEvent,
        string? modelVersion, long? raisedAt, int? detections) =>
        new(kind, feature, result.Test, result.Statistic, result.Threshold, result.PValue, window.Index, window.Start, window.End,
            atEvent, modelVersion, raisedAt, detections);

    public SliceDrift Clone() => new()
    {
        Reference = Reference,
        ReferenceModel = ReferenceModel,
        ReferenceWindow = ReferenceWindow,
        Alarms = new Dictionary<string, DriftSignal>(Alarms, StringComparer.Ordinal),
        QuietWindows = new Dictionary<string, int>(QuietWindows, StringComparer.Ordinal),
        ErrorWarning = ErrorWarning,
        ErrorUpdatesSinceDetection = ErrorUpdatesSinceDetection,
        ErrorsSinceDetection = ErrorsSinceDetection,
        ErrorRateBeforeAlarm = ErrorRateBeforeAlarm,
        ServingModel = ServingModel,
        HeldRenewals = [.. HeldRenewals],
    };
}
