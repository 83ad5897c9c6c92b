namespace StreamMl.Core.Learning;

/// <summary>A model that learns from one labelled event at a time and predicts from one event's features.</summary>
/// <remarks>
/// <para>
/// For a binary label <see cref="Predict"/> returns the probability of the positive class (label 1); for a
/// numeric label the predicted value. <see cref="Predict"/> never changes the learnt state: only
/// <see cref="Learn"/> does, so two learners fed the same examples in the same order hold the same state
/// whatever they were asked in between.
/// </para>
/// <para>
/// Bad input is refused with an <see cref="ArgumentException"/> naming what is wrong, never learnt: a
/// feature array of the wrong length, an infinite numeric value, a label that is not 0 or 1 for a binary
/// label (or not finite for a numeric one), a negative or non-finite weight. NaN (numeric) and null
/// (categorical) are missing values; each learner documents how it treats them and categories it has
/// not seen. An instance is not safe for concurrent use: serve predictions from a loaded copy.
/// </para>
/// </remarks>
public interface IOnlineLearner
{
    LearnerSchema Schema { get; }

    /// <summary>Examples learnt with a positive weight.</summary>
    long Updates { get; }

    /// <summary>Estimated bytes of managed memory the learnt state holds.</summary>
    long MemoryBytes { get; }

    double Predict(in LearnerInput input);

    /// <summary>Learns one example; a weight of k counts as k copies of it, 0 skips it.</summary>
    void Learn(in LearnerInput input, double label, double weight = 1);

    /// <summary>Writes the learnt state, deterministically: the same settings, seed and examples give the same bytes.</summary>
    void WriteState(BinaryWriter writer);

    /// <summary>Replaces the learnt state with one written by <see cref="WriteState"/> of a learner with the same settings.</summary>
    /// <exception cref="InvalidDataException">The bytes are not such a state.</exception>
    void ReadState(BinaryReader reader);
}
