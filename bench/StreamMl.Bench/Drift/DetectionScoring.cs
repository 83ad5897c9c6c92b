namespace StreamMl.Bench.Drift;

/// <summary>How one run with a known drift went for one detector (or test): alarm positions against the drift position.</summary>
/// <param name="Detected">The first alarm at or after the drift lies within the horizon.</param>
/// <param name="Delay">That alarm's position minus the drift position, when detected.</param>
/// <param name="FalseAlarmsBefore">Alarms before the drift.</param>
public sealed record RunScore(bool Detected, long? Delay, int FalseAlarmsBefore);

/// <summary>Runs with a known drift, aggregated.</summary>
/// <param name="Runs">How many runs.</param>
/// <param name="Detected">How many of them detected the drift.</param>
/// <param name="MeanDelay">Mean delay over the detecting runs; null when none detected.</param>
/// <param name="WorstDelay">Largest delay over the detecting runs; null when none detected.</param>
/// <param name="FalseAlarmsBefore">Alarms before the drift, summed over the runs.</param>
public sealed record DriftSummary(int Runs, int Detected, double? MeanDelay, long? WorstDelay, int FalseAlarmsBefore)
{
    /// <summary>Share of runs that detected the drift; 0 for no runs.</summary>
    public double DetectionRate => Runs == 0 ? 0 : (double)Detected / Runs;
}

/// <summary>The pure arithmetic of the drift benchmark: scoring alarm positions and rates.</summary>
public static class DetectionScoring
{
    /// <summary>
    /// Scores one run whose drift starts at <paramref name="driftAt"/>: detected when the first alarm at or after it
    /// is at most <paramref name="horizon"/> later (alarm ∈ [driftAt, driftAt + horizon]); the delay is that alarm
    /// minus <paramref name="driftAt"/>. Positions are in any unit (events, windows) as long as all agree.
    /// </summary>
    public static RunScore Score(IEnumerable<long> alarms, long driftAt, long horizon)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        var before = 0;
        long? first = null;
        foreach (var a in alarms)
        {
            if (a < driftAt) before++;
            else if (first is null || a < first) first = a;
        }
        var detected = first is { } f && f - driftAt <= horizon;
        return new RunScore(detected, detected ? first - driftAt : null, before);
    }

    /// <summary>Aggregates runs: detection count, mean and worst delay over the detecting runs, false alarms summed.</summary>
    public static DriftSummary Summarise(IEnumerable<RunScore> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        int count = 0, detected = 0, before = 0;
        long delaySum = 0;
        long? worst = null;
        foreach (var run in runs)
        {
            count++;
            before += run.FalseAlarmsBefore;
            if (!run.Detected || run.Delay is not { } delay) continue;
            detected++;
            delaySum += delay;
            if (worst is null || delay > worst) worst = delay;
        }
        return new DriftSummary(count, detected, detected == 0 ? null : (double)delaySum / detected, worst, before);
    }

    /// <summary>Alarms per <paramref name="per"/> units observed (e.g. per 100,000 events); 0 when nothing was observed.</summary>
    public static double Rate(long alarms, long observed, double per) => observed <= 0 ? 0 : alarms * per / observed;
}
