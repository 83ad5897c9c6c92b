using System.Security.Cryptography;
using System.Text;
using StreamMl.Core.Learning;

namespace StreamMl.Core.OnlineLearning;

/// <summary>
/// The bytes of a replica's state (format 1): "SMCK", the format (16 bits), the start offset, the position, the
/// counters (updates, duplicates, resets, unreadable), the revealed labels (most recent first), the duplicate window,
/// the model (<see cref="OnlineModel.Save"/>), then the SHA-256 of everything before it. Equal states give equal bytes.
/// </summary>
internal static class ReplicaStateFormat
{
    private const ushort FormatVersion = 1;
    private const int HashBytes = 32;
    private static readonly byte[] Magic = "SMCK"u8.ToArray();

    /// <summary>What a state holds.</summary>
    public sealed record Parts(long Start, long Position, long Updates, long Duplicates, long Resets, long Unreadable, double[] Revealed,
        DuplicateWindow Window, OnlineModel Model);

    public static byte[] Write(Parts state)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(state.Start);
            writer.Write(state.Position);
            writer.Write(state.Updates);
            writer.Write(state.Duplicates);
            writer.Write(state.Resets);
            writer.Write(state.Unreadable);
            writer.Write(state.Revealed.Length);
            foreach (var label in state.Revealed) writer.Write(label);
            state.Window.Save(writer);
            var model = state.Model.Save();
            writer.Write(model.Length);
            writer.Write(model);
            writer.Flush();
            writer.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        }
        return stream.ToArray();
    }

    /// <exception cref="LearnerStateException">The bytes are not a state of a learner for this schema (the message says why).</exception>
    public static Parts Read(ReadOnlySpan<byte> checkpoint, LearnerSchema schema)
    {
        if (checkpoint.Length < Magic.Length + 2 + HashBytes || !checkpoint[..Magic.Length].SequenceEqual(Magic))
            throw new LearnerStateException("not an online learner checkpoint: it does not start with \"SMCK\"");
        var content = checkpoint[..^HashBytes];
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(checkpoint[^HashBytes..]))
            throw new LearnerStateException("the checkpoint's SHA-256 does not match its content: it is corrupt or truncated");
        using var stream = new MemoryStream(content[Magic.Length..].ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var format = reader.ReadUInt16();
            if (format != FormatVersion) throw new LearnerStateException($"checkpoint format {format}; this build reads format {FormatVersion}");
            var (start, position) = (reader.ReadInt64(), reader.ReadInt64());
            var (updates, duplicates, resets, unreadable) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
            var revealed = new double[StateFormat.ReadCount(reader, sizeof(double))];
            for (var i = 0; i < revealed.Length; i++) revealed[i] = reader.ReadDouble();
            var window = DuplicateWindow.Load(reader);
            var model = OnlineModel.Load(reader.ReadBytes(StateFormat.ReadCount(reader, 1)), schema);
            if (stream.Position != stream.Length) throw new LearnerStateException($"{stream.Length - stream.Position} bytes follow the checkpoint");
            if (revealed.Length > model.LabelHistory) throw new LearnerStateException($"{revealed.Length} revealed labels for a label history of {model.LabelHistory}");
            return new Parts(start, position, updates, duplicates, resets, unreadable, revealed, window, model);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or FormatException)
        {
            throw new LearnerStateException($"the checkpoint cannot be read: {e.Message}", e);
        }
    }
}
