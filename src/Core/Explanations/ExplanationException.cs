namespace StreamMl.Core.Explanations;

/// <summary>A model that cannot be explained as it stands; the message says why and, where there is one, what to do.</summary>
public sealed class ExplanationException(string message) : Exception(message);
