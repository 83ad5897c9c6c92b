namespace StreamMl.Core.Modeling;

/// <summary>Raised when model bytes are refused: wrong hash, unreadable, or built for another schema.</summary>
public sealed class ModelArtifactException(string message, Exception? inner = null) : Exception(message, inner);
