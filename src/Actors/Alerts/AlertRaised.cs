using StreamMl.Core.Contracts;

namespace StreamMl.Actors.Alerts;

/// <summary>Published on the node's event stream once the fact behind an alert is in a journal, for the alert publisher.</summary>
public sealed record AlertRaised(string Key, AlertRecord Alert);
