using StreamMl.Core.Drift;
using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Slices;

/// <summary>The error-stream part of a slice's drift state: the detector on the serving model's 0/1 errors.</summary>
/// <remarks>
/// The detector watches one model: the serving model, named by the batches' model version. Outcomes of another version
/// (a canary's rows, late labels of a model already replaced) do not feed it. When the serving model changes the
/// detector is re-baselined (reset) and an error alarm or warning raised on the old model recovers: the new model's
/// errors are a new stream, and mixing the two would report the swap itself as drift.
/// </remarks>
public sealed partial class SliceDrift
{
    public const string ErrorStream = "error";

    /// <summary>
    /// Notes the model serving a batch. A change of serving model re-baselines the error detector and returns the
    /// recovery of an error alarm (or warning) raised on the old one, after the renewals of that alarm still held
    /// (see <see cref="HeldRenewals"/>); otherwise nothing.
    /// </summary>
    public IReadOnlyList<DriftSignal> OnServingModel(string? modelVersion, long atEvent, DriftSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (modelVersion is null || modelVersion == ServingModel) return [];
        var replaced = ServingModel is not null;
        ServingModel = modelVersion;
        if (!replaced) return [];
        ErrorDetector?.Reset();
        ErrorUpdatesSinceDetection = 0;
        ErrorsSinceDetection = 0;
        var alarm = ErrorAlarm();
        if (alarm is null && !ErrorWarning) return [];
        var test = alarm?.Test ?? (ErrorDetector ??= DriftSpecRules.ErrorDetector(spec))?.Name;
        if (test is null) return [];
        // The old model's held renewals go out before the recovery that ends its alarm.
        var signals = TakeHeldRenewals();
        var signal = ErrorSignal(DriftSignalKinds.Recovered, test, null, atEvent, modelVersion, alarm?.RaisedAtEvent, alarm?.Detections);
        Apply(signal);
        signals.Add(signal);
        return signals;
    }

    /// <summary>
    /// Feeds the error of a labelled binary prediction of the serving model to the error detector; an unlabelled or
    /// regression one, or one of another model, is ignored. Every firing of the detector is a detection: the one that
    /// raises the alarm (and a warning) is returned, one that renews the raised alarm is held until the window closes
    /// (see <see cref="HeldRenewals"/>) and null returned.
    /// </summary>
    /// <param name="label">The label (1 for the positive class); null when unknown.</param>
    /// <param name="predictedPositive">The predicted class; null for regression.</param>
    /// <param name="atEvent">The slice's lifetime event count, the position of a signal raised.</param>
    /// <param name="spec">The stream's drift section, which names the detector.</param>
    /// <param name="modelVersion">The model version that made the prediction.</param>
    public DriftSignal? OnLabelled(double? label, bool? predictedPositive, long atEvent, DriftSpec spec, string? modelVersion)
    {
        if (label is not { } known || predictedPositive is not { } predicted) return null;
        if (ServingModel is not null && modelVersion is not null && modelVersion != ServingModel) return null;
        ErrorDetector ??= DriftSpecRules.ErrorDetector(spec);
        if (ErrorDetector is null) return null;
        var error = predicted == (known == 1) ? 0 : 1;
        ErrorDetector.Update(error);
        ErrorUpdatesSinceDetection++;
        ErrorsSinceDetection += error;
        var alarm = ErrorAlarm();
        DriftSignal? signal = null;
        if (ErrorDetector.DriftDetected)
        {
            // Re-armed for the next change: the other detectors start over by themselves; ADWIN, which left alone sheds the
            // old stretch over several firings, gives it up at once. The statistic is the error rate of the stretch left.
            if (ErrorDetector is Adwin adwin) adwin.CutAtChange();
            var rate = (double)ErrorsSinceDetection / ErrorUpdatesSinceDetection;
            signal = ErrorSignal(DriftSignalKinds.Drift, ErrorDetector.Name, rate, atEvent, modelVersion,
                alarm?.RaisedAtEvent ?? atEvent, (alarm?.Detections ?? 0) + 1);
            ErrorUpdatesSinceDetection = 0;
            ErrorsSinceDetection = 0;
        }
        else if (ErrorDetector.WarningDetected && !ErrorWarning && alarm is null)
        {
            signal = ErrorSignal(DriftSignalKinds.Warning, ErrorDetector.Name, null, atEvent, modelVersion, null, null);
        }
        if (signal is null) return null;
        Apply(signal);
        if (signal.Kind != DriftSignalKinds.Drift || alarm is null) return signal;
        // A renewal of the raised alarm waits for the window's end (see HeldRenewals).
        HeldRenewals.Add(signal);
        return null;
    }

    /// <summary>The raised error alarm, if any.</summary>
    private DriftSignal? ErrorAlarm()
    {
        foreach (var alarm in Alarms.Values)
            if (alarm.Feature == ErrorStream) return alarm;
        return null;
    }

    /// <summary>
    /// The recovery of a raised error alarm after at least <paramref name="quietPeriod"/> updates without a detection
    /// whose error rate is within two binomial standard errors of the rate before the alarm: the error stream is back
    /// where it was, not merely stable at a worse level. Null otherwise.
    /// </summary>
    private DriftSignal? ErrorRecovery(long atEvent, long quietPeriod, string? modelVersion)
    {
        if (ErrorAlarm() is not { } alarm || ErrorUpdatesSinceDetection < quietPeriod) return null;
        var before = ErrorRateBeforeAlarm ?? 0;
        var now = (double)ErrorsSinceDetection / ErrorUpdatesSinceDetection;
        if (now > before + 2 * Math.Sqrt(Math.Max(before * (1 - before), 1e-4) / ErrorUpdatesSinceDetection)) return null;
        return ErrorSignal(DriftSignalKinds.Recovered, alarm.Test, now, atEvent, modelVersion, alarm.RaisedAtEvent, alarm.Detections);
    }

    private static DriftSignal ErrorSignal(string kind, string test, double? statistic, long atEvent, string? modelVersion, long? raisedAt, int? detections) =>
        new(kind, ErrorStream, test, statistic, null, null, null, null, null, atEvent, modelVersion, raisedAt, detections);
}
