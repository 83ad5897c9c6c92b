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
    private static readonly byte[] Magic = "SMCK"u8.ToArray();

    /// <summary>What a state holds.</summary>
    public sealed record Parts(long Start, long Position, long Updates, long Duplicates, long Resets, long Unreadable, double[] Revealed,
        DuplicateWindow Window, OnlineModel Model);

    public static byte[] Write(Parts state) => StateFormat.WriteHashed(Magic, FormatVersion, writer =>
    {
        writer.Write(state.Start);
        writer.Write(state.Position);
        writer.Write(state.Updates);
        writer.Write(state.Duplicates);
        writer.Write(state.Resets);
        writer.Write(state.Unreadable);
        StateFormat.WriteDoubles(writer, state.Revealed);
        state.Window.Save(writer);
        var model = state.Model.Save();
        writer.Write(model.Length);
        writer.Write(model);
    });

    /// <exception cref="LearnerStateException">The bytes are not a state of a learner for this schema (the message says why).</exception>
    public static Parts Read(ReadOnlySpan<byte> checkpoint, LearnerSchema schema)
    {
        using var reader = StateFormat.OpenHashed(checkpoint, Magic, FormatVersion, "online learner checkpoint");
        var stream = reader.BaseStream;
        try
        {
            var (start, position) = (reader.ReadInt64(), reader.ReadInt64());
            var (updates, duplicates, resets, unreadable) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
            var revealed = StateFormat.ReadDoubles(reader);
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
