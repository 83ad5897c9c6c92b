using System.Security.Cryptography;

namespace StreamMl.Core.Learning;

/// <summary>A learner made from an <see cref="OnlineLearnerSpec"/>: its label history, and its state as bytes that load back.</summary>
/// <remarks>
/// <para>
/// With a label history of k the model takes the first k values of <see cref="LearnerInput.RevealedLabels"/>
/// (NaN for those not given) as k more inputs of its learner, categorical for a binary label, numeric for a
/// numeric one (<see cref="LabelHistoryInputs"/>); see <see cref="RevealedLabels"/> for how the caller must feed
/// them. Each value must be NaN or a label the schema allows. Like every learner, not for concurrent use.
/// </para>
/// <para>
/// <see cref="Save"/> writes: the ASCII magic "SMOL", the format version (16 bits), the spec (learner, the
/// hyper-parameters in ordinal order of their names, seed, label history), the schema, the learner's state,
/// then the SHA-256 of all the bytes before it. Integers and doubles are little-endian, strings UTF-8 with a
/// 7-bit-encoded length (<see cref="BinaryWriter"/>). Nothing depends on time, hash order or the process, so
/// the same spec, schema and examples give the same bytes. <see cref="Load"/> refuses with a
/// <see cref="LearnerStateException"/> any blob that is truncated, altered, of another format, or that names
/// a learner or hyper-parameter this build does not know.
/// </para>
/// </remarks>
public sealed class OnlineModel : IOnlineLearner
{
    private const ushort FormatVersion = 1;
    private static readonly byte[] Magic = "SMOL"u8.ToArray();

    private readonly LabelHistoryInputs _history;

    internal OnlineModel(OnlineLearnerSpec spec, LearnerSchema schema, LabelHistoryInputs history, IOnlineLearner learner)
    {
        Spec = spec;
        Schema = schema;
        Learner = learner;
        _history = history;
    }

    public OnlineLearnerSpec Spec { get; }

    /// <summary>The caller's schema, without the label history's inputs.</summary>
    public LearnerSchema Schema { get; }

    /// <summary>The learner itself, built for the schema extended by the label history's inputs.</summary>
    public IOnlineLearner Learner { get; }

    public int LabelHistory => Spec.LabelHistory;

    /// <summary>How the label history extends an input; the explainers read the learner through it.</summary>
    internal LabelHistoryInputs History => _history;
    public long Updates => Learner.Updates;
    public long MemoryBytes => 64 + Learner.MemoryBytes;

    public double Predict(in LearnerInput input)
    {
        if (LabelHistory == 0) return Learner.Predict(input);
        var width = _history.NumericWidth;
        Span<double> numeric = width <= 256 ? stackalloc double[width] : new double[width];
        return Learner.Predict(_history.Extend(input, numeric));
    }

    public void Learn(in LearnerInput input, double label, double weight = 1)
    {
        if (LabelHistory == 0)
        {
            Learner.Learn(input, label, weight);
            return;
        }
        var width = _history.NumericWidth;
        Span<double> numeric = width <= 256 ? stackalloc double[width] : new double[width];
        Learner.Learn(_history.Extend(input, numeric), label, weight);
    }

    /// <summary>The state as bytes; see the remarks for the layout.</summary>
    public byte[] Save() => StateFormat.WriteHashed(Magic, FormatVersion, writer =>
    {
        writer.Write(Spec.Learner);
        var parameters = Spec.HyperParameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        writer.Write(parameters.Length);
        foreach (var (name, value) in parameters)
        {
            writer.Write(name);
            writer.Write(value);
        }
        writer.Write(Spec.Seed);
        writer.Write(Spec.LabelHistory);
        Schema.Save(writer);
        Learner.WriteState(writer);
    });

    /// <summary>Hex SHA-256 of <see cref="Save"/>'s bytes: equal for equal states.</summary>
    public string StateSha256() => Convert.ToHexStringLower(SHA256.HashData(Save()));

    /// <summary>The model a blob of <see cref="Save"/> holds, checked against <paramref name="expected"/> when given.</summary>
    /// <exception cref="LearnerStateException">The blob cannot be loaded; the message says why.</exception>
    public static OnlineModel Load(ReadOnlySpan<byte> state, LearnerSchema? expected = null)
    {
        using var reader = StateFormat.OpenHashed(state, Magic, FormatVersion, "learner state");
        var stream = reader.BaseStream;
        try
        {
            var model = LearnerCatalog.Create(ReadSpec(reader), LearnerSchema.Load(reader));
            if (expected is not null && !model.Schema.SameAs(expected))
                throw new LearnerStateException("the learner state was saved for other features or another label than the schema given");
            model.Learner.ReadState(reader);
            if (stream.Position != stream.Length)
                throw new LearnerStateException($"{stream.Length - stream.Position} bytes follow the learner state");
            return model;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or FormatException or OverflowException or System.Text.DecoderFallbackException)
        {
            throw new LearnerStateException($"the learner state cannot be read: {e.Message}", e);
        }
    }

    void IOnlineLearner.WriteState(BinaryWriter writer) => Learner.WriteState(writer);

    void IOnlineLearner.ReadState(BinaryReader reader) => Learner.ReadState(reader);

    private static OnlineLearnerSpec ReadSpec(BinaryReader reader)
    {
        var learner = reader.ReadString();
        var count = StateFormat.ReadCount(reader, 9);
        var parameters = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            if (!parameters.TryAdd(name, reader.ReadDouble())) throw new InvalidDataException($"hyper-parameter '{name}' written twice");
        }
        return new OnlineLearnerSpec { Learner = learner, HyperParameters = parameters, Seed = reader.ReadInt64(), LabelHistory = reader.ReadInt32() };
    }
}
