using StreamMl.Core.Quality;

namespace StreamMl.Core.Learning.Evaluation;

/// <summary>What a prequential run of one model over one stream at one label delay measured.</summary>
/// <param name="Accuracy">Share of right classes over every event, the first <paramref name="Delay"/> ones (scored before any label) included; null for a numeric label.</param>
/// <param name="AccuracyAfterFirstLabel">River's figure: the events scored before any label was learnt are left out, as River skips a None prediction.</param>
/// <param name="Quality">The project's quality metrics over every event: log-loss and exact ROC AUC for a binary label, MAE and RMSE for a numeric one.</param>
/// <param name="MicrosecondsPerLearn">Mean wall time of one <see cref="IOnlineLearner.Learn"/>, a clock read included.</param>
/// <param name="MicrosecondsPerPredict">Mean wall time of one <see cref="IOnlineLearner.Predict"/>, a clock read included.</param>
/// <param name="StateBytes">Length of the saved state at the end of the run.</param>
/// <param name="MemoryBytes">The model's own estimate of the memory it holds at the end of the run.</param>
/// <param name="StateSha256">Hex SHA-256 of the saved state: two runs with equal states have equal hashes.</param>
public sealed record PrequentialReport(
    string Stream,
    string Learner,
    int Delay,
    long Events,
    double? Accuracy,
    double? AccuracyAfterFirstLabel,
    QualitySummary Quality,
    double MicrosecondsPerLearn,
    double MicrosecondsPerPredict,
    long StateBytes,
    long MemoryBytes,
    string StateSha256);
