using System.Diagnostics.Tracing;

namespace StreamMl.Bench;

/// <summary>
/// Listens to the runtime's own events of some keywords, in process, from <see cref="Start"/> to <see cref="Stop"/>,
/// and hands each to <see cref="OnSampled"/>: what a measured span did, without a profiler.
/// </summary>
public abstract class RuntimeEventSampler(EventKeywords keywords) : EventListener
{
    private EventSource? _runtime;
    private volatile bool _sampling;

    public void Start()
    {
        _sampling = true;
        if (_runtime is { } runtime) EnableEvents(runtime, EventLevel.Verbose, keywords);
    }

    public void Stop()
    {
        _sampling = false;
        if (_runtime is { } runtime) DisableEvents(runtime);
    }

    /// <summary>One event of the runtime written while sampling, with its payload.</summary>
    protected abstract void OnSampled(EventWrittenEventArgs e);

    /// <summary>A payload field by name, or null when the event has none of that name.</summary>
    protected static object? Field(EventWrittenEventArgs e, string name) =>
        e.PayloadNames is { } names && names.IndexOf(name) is var i and >= 0 ? e.Payload![i] : null;

    protected override void OnEventSourceCreated(EventSource source)
    {
        // Called from EventListener's constructor for the sources that exist already (the runtime's always does),
        // before this class's constructor has run: the source is only noted here, and enabled by Start.
        if (source.Name == "Microsoft-Windows-DotNETRuntime") _runtime = source;
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (_sampling && e.Payload is not null) OnSampled(e);
    }
}
