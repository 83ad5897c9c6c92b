using System.Security.Cryptography;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Core.OnlineLearning;

/// <summary>
/// One node's copy of an online model version: a deterministic state machine over the label log. Records are
/// applied in log order from the version's start; an example is learnt unless its event id is in the
/// <see cref="DuplicateWindow"/>; a reset of this version starts the learner afresh. The state at a log position is
/// therefore a function of the log alone: every replica of the version holds the same bytes there, and a
/// replica restored from a checkpoint and fed the rest of the log ends byte-identical to one that never stopped.
/// Safe for concurrent use: applying and scoring take turns.
/// </summary>
public sealed class LearnerReplica
{
    private readonly Lock _lock = new();
    private readonly RevealedLabels _revealed;
    private readonly DuplicateWindow _duplicates;
    private OnlineModel _model;
    private long _logEnd;
    private long _caughtUpAtMs;

    private LearnerReplica(string version, OnlineLearnerSpec spec, LearnerSchema schema, OnlineModel model, RevealedLabels revealed,
        DuplicateWindow duplicates, long startOffset, long position)
    {
        Version = version;
        Spec = spec;
        Schema = schema;
        _model = model;
        _revealed = revealed;
        _duplicates = duplicates;
        StartOffset = startOffset;
        Position = position;
    }

    public string Version { get; }
    public OnlineLearnerSpec Spec { get; }
    public LearnerSchema Schema { get; }

    /// <summary>The log offset the version starts at.</summary>
    public long StartOffset { get; }

    /// <summary>The next log offset to apply: every record before it is applied.</summary>
    public long Position { get; private set; }

    /// <summary>Examples learnt since the version started (resets do not zero it).</summary>
    public long Updates { get; private set; }

    /// <summary>Examples not learnt because their event id was in the duplicate window.</summary>
    public long Duplicates { get; private set; }

    public long Resets { get; private set; }

    /// <summary>Records that hold no readable example or one the learner refuses (features of another schema, a bad label).</summary>
    public long Unreadable { get; private set; }

    /// <summary>The lag of the predictions this replica made.</summary>
    public FreshnessWindow Freshness { get; } = new();

    /// <summary>Estimated bytes of the learnt state.</summary>
    public long MemoryBytes
    {
        get { lock (_lock) return _model.MemoryBytes + 8L * _duplicates.Capacity * 3; }
    }

    /// <summary>A version that learns from <paramref name="startOffset"/> on, from nothing.</summary>
    public static LearnerReplica Start(string version, OnlineLearnerSpec spec, LearnerSchema schema, int duplicateWindow, long startOffset)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentOutOfRangeException.ThrowIfNegative(startOffset);
        return new LearnerReplica(version, spec, schema, LearnerCatalog.Create(spec, schema), new RevealedLabels(spec.LabelHistory),
            new DuplicateWindow(duplicateWindow), startOffset, startOffset);
    }

    /// <summary>Applies records read from the log, in order; those before <see cref="Position"/> (already applied) are skipped.</summary>
    /// <returns>Per example learnt, the milliseconds from its label's arrival to now.</returns>
    public List<long> Apply(IReadOnlyList<(long Offset, byte[]? Value)> records, long nowMs)
    {
        var delays = new List<long>();
        lock (_lock)
        {
            foreach (var (offset, value) in records)
            {
                if (offset < Position) continue;
                Position = offset + 1;
                switch (value is null ? null : LearningRecordCodec.Decode(value, out _))
                {
                    case LearningExample example:
                        if (Learn(example)) delays.Add(Math.Max(0, nowMs - example.ArrivedAtMs));
                        break;
                    case LearnerReset reset when reset.Version == Version:
                        _model = LearnerCatalog.Create(Spec, Schema);
                        Resets++;
                        break;
                    case LearnerReset:
                        break;
                    default:
                        Unreadable++;
                        break;
                }
            }
            if (Position >= _logEnd) _caughtUpAtMs = nowMs;
        }
        return delays;
    }

    /// <summary>Tells the replica where the log ends now (its next offset): how far behind it is.</summary>
    public void ObserveLogEnd(long logEnd, long nowMs)
    {
        lock (_lock)
        {
            _logEnd = logEnd;
            if (Position >= logEnd) _caughtUpAtMs = nowMs;
        }
    }

    /// <summary>The labels in the log not applied yet, as last observed.</summary>
    public long LabelsBehind
    {
        get { lock (_lock) return Math.Max(0, _logEnd - Position); }
    }

    /// <summary>How long before <paramref name="nowMs"/> the replica had last applied the whole log as last observed (0 when it has).</summary>
    public long MsBehind(long nowMs)
    {
        lock (_lock) return Position >= _logEnd ? 0 : Math.Max(0, nowMs - _caughtUpAtMs);
    }

    /// <summary>Scores a batch with the state as it is now; the answer says how far that state lags the log.</summary>
    public OnlineAnswer Score(IReadOnlyList<ValidEvent> events, long nowMs)
    {
        var scores = new ModelScore[events.Count];
        var revealed = new double[Spec.LabelHistory];
        long updates, labelsBehind, msBehind;
        lock (_lock)
        {
            _revealed.CopyTo(revealed);
            var binary = Schema.Label == LabelKind.Binary;
            for (var i = 0; i < scores.Length; i++)
            {
                var e = events[i];
                var value = _model.Predict(LearnerInput.Of(e, revealed));
                scores[i] = binary ? new ModelScore(value, value, value >= 0.5) : new ModelScore(value, null, null);
            }
            updates = Updates;
            labelsBehind = Math.Max(0, _logEnd - Position);
            msBehind = labelsBehind == 0 ? 0 : Math.Max(0, nowMs - _caughtUpAtMs);
        }
        Freshness.Record(labelsBehind, msBehind, events.Count);
        return new OnlineAnswer(scores, updates, labelsBehind, msBehind, revealed);
    }

    /// <summary>The labels the model would read as inputs now, most recent first.</summary>
    public double[] RevealedLabelsNow()
    {
        var revealed = new double[Spec.LabelHistory];
        lock (_lock) _revealed.CopyTo(revealed);
        return revealed;
    }

    /// <summary>Explains the prediction the state as it is now makes for an event.</summary>
    public Explanations.Explanation Explain(ValidEvent e)
    {
        lock (_lock)
        {
            var revealed = new double[Spec.LabelHistory];
            _revealed.CopyTo(revealed);
            return Explanations.OnlineExplainer.Explain(_model, e, Version, revealed);
        }
    }

    private bool Learn(LearningExample example)
    {
        if (!_duplicates.TryAdd(example.Id))
        {
            Duplicates++;
            return false;
        }
        try
        {
            _model.Learn(new LearnerInput(example.Numeric, example.Categorical, example.RevealedLabels), example.Label);
        }
        catch (ArgumentException)
        {
            Unreadable++;
            return false;
        }
        Updates++;
        _revealed.Reveal(example.Label);
        return true;
    }

    /// <summary>
    /// The replica's whole state as bytes (<see cref="ReplicaStateFormat"/>): equal states give equal bytes. The version's
    /// name is not part of it: the registry names the state of each checkpoint by its hash, and an initial state is made
    /// before the version is named.
    /// </summary>
    public ReplicaCheckpoint Checkpoint()
    {
        lock (_lock)
        {
            var revealed = new double[_revealed.Count];
            _revealed.CopyTo(revealed);
            var bytes = ReplicaStateFormat.Write(new ReplicaStateFormat.Parts(StartOffset, Position, Updates, Duplicates, Resets, Unreadable, revealed,
                _duplicates, _model));
            return new ReplicaCheckpoint(bytes, Sha256Of(bytes), StartOffset, Position, Updates, Duplicates, Resets);
        }
    }

    /// <summary>Hex SHA-256 of a checkpoint's bytes.</summary>
    public static string Sha256Of(ReadOnlySpan<byte> checkpoint) => Convert.ToHexStringLower(SHA256.HashData(checkpoint));

    /// <summary>The replica a checkpoint holds, as <paramref name="version"/>, for the schema given.</summary>
    /// <exception cref="LearnerStateException">The bytes are not a checkpoint of a learner for this schema (the message says why).</exception>
    public static LearnerReplica Restore(ReadOnlySpan<byte> checkpoint, string version, LearnerSchema schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        var state = ReplicaStateFormat.Read(checkpoint, schema);
        var history = new RevealedLabels(state.Model.LabelHistory);
        for (var i = state.Revealed.Length - 1; i >= 0; i--) history.Reveal(state.Revealed[i]);
        return new LearnerReplica(version, state.Model.Spec, schema, state.Model, history, state.Window, state.Start, state.Position)
        {
            Updates = state.Updates, Duplicates = state.Duplicates, Resets = state.Resets, Unreadable = state.Unreadable,
        };
    }
}

/// <summary>A replica's state at one log position, as bytes and their SHA-256, with the counters it holds.</summary>
public sealed record ReplicaCheckpoint(byte[] Bytes, string Sha256, long StartOffset, long Position, long Updates, long Duplicates, long Resets);

/// <summary>An online model's answer to a batch: the scores, its update count, its lag, and the labels it had learnt last.</summary>
/// <param name="RevealedLabels">The labels the model read as inputs (most recent first): an example learnt later uses the same.</param>
public sealed record OnlineAnswer(ModelScore[] Scores, long Updates, long LabelsBehind, long MsBehind, double[] RevealedLabels);
