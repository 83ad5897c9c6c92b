namespace StreamMl.Core.Learning;

/// <summary>A saved learner state that cannot be loaded: corrupt, truncated, or written for another learner or format.</summary>
public sealed class LearnerStateException(string message, Exception? inner = null) : Exception(message, inner);
