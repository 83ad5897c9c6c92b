namespace StreamMl.Core.Modeling;

/// <summary>Raised when a model cannot be trained: unknown trainer or hyper-parameter, or unusable examples.</summary>
public sealed class ModelTrainingException(string message) : Exception(message);
