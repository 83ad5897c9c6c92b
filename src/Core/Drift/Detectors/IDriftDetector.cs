namespace StreamMl.Core.Drift.Detectors;

/// <summary>A streaming change detector fed one value at a time.</summary>
/// <remarks>
/// After an update that sets <see cref="DriftDetected"/>, a detector starts over on its next update (ADWIN
/// instead shrinks its window), so one change raises one alarm rather than an alarm on every later update.
/// </remarks>
public interface IDriftDetector
{
    /// <summary>Short name of the method, e.g. "ADWIN".</summary>
    string Name { get; }

    /// <summary>Number of values passed to <see cref="Update"/> since construction or the last <see cref="Reset"/>.</summary>
    long Updates { get; }

    /// <summary>True only right after the update that detected a change.</summary>
    bool DriftDetected { get; }

    /// <summary>True while the last update left the detector in its warning zone; always false for detectors without one.</summary>
    bool WarningDetected { get; }

    void Update(double x);

    /// <summary>Returns to the state right after construction.</summary>
    void Reset();
}
