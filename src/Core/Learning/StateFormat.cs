using System.Security.Cryptography;
using System.Text;

namespace StreamMl.Core.Learning;

/// <summary>Reading and writing the parts of a learner's saved state, with checks that keep a corrupt blob from allocating wildly.</summary>
internal static class StateFormat
{
    private const int HashBytes = 32;

    /// <summary>
    /// Bytes framed as a saved state: <paramref name="magic"/>, the 16-bit <paramref name="format"/>, what
    /// <paramref name="body"/> writes, then the SHA-256 of everything before it. Equal bodies give equal bytes.
    /// </summary>
    public static byte[] WriteHashed(ReadOnlySpan<byte> magic, ushort format, Action<BinaryWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(magic);
            writer.Write(format);
            body(writer);
            writer.Flush();
            writer.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A reader over the body of bytes written by <see cref="WriteHashed"/>, once their magic, SHA-256 and format are
    /// checked; the caller reads the body and checks that nothing follows it.
    /// </summary>
    /// <param name="name">What the bytes are, for the messages: "learner state", "online learner checkpoint".</param>
    /// <exception cref="LearnerStateException">Not such bytes, corrupt, truncated or of another format.</exception>
    public static BinaryReader OpenHashed(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> magic, ushort format, string name)
    {
        if (bytes.Length < magic.Length + sizeof(ushort) + HashBytes)
            throw new LearnerStateException($"a {name} of {bytes.Length} bytes is too short to be one");
        if (!bytes.StartsWith(magic))
            throw new LearnerStateException($"not a {name}: it does not start with \"{Encoding.ASCII.GetString(magic)}\"");
        var content = bytes[..^HashBytes];
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes[^HashBytes..]))
            throw new LearnerStateException($"the {name}'s SHA-256 does not match its content: it is corrupt or truncated");
        var reader = new BinaryReader(new MemoryStream(content[magic.Length..].ToArray(), writable: false), Encoding.UTF8);
        var found = reader.ReadUInt16();
        if (found == format) return reader;
        reader.Dispose();
        throw new LearnerStateException($"{name} format {found}; this build reads format {format}");
    }

    /// <summary>A count written by <see cref="BinaryWriter.Write(int)"/>, checked against the bytes left to read.</summary>
    public static int ReadCount(BinaryReader reader, int bytesPerItem)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * bytesPerItem > left)
            throw new InvalidDataException($"a count of {count} does not fit the {left} bytes left");
        return count;
    }

    public static void WriteDoubles(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        foreach (var v in values) writer.Write(v);
    }

    public static double[] ReadDoubles(BinaryReader reader)
    {
        var values = new double[ReadCount(reader, sizeof(double))];
        for (var i = 0; i < values.Length; i++) values[i] = reader.ReadDouble();
        return values;
    }

    /// <summary>Reads exactly <paramref name="into"/>.Length doubles written by <see cref="WriteDoubles"/>.</summary>
    public static void ReadDoubles(BinaryReader reader, Span<double> into, string what)
    {
        var count = ReadCount(reader, sizeof(double));
        if (count != into.Length) throw new InvalidDataException($"{what}: {count} values where {into.Length} were expected");
        for (var i = 0; i < count; i++) into[i] = reader.ReadDouble();
    }

    public static void WriteInts(BinaryWriter writer, ReadOnlySpan<int> values)
    {
        writer.Write(values.Length);
        foreach (var v in values) writer.Write(v);
    }

    /// <summary>Reads ints written by <see cref="WriteInts"/>, each in [0, <paramref name="bound"/>).</summary>
    public static int[] ReadInts(BinaryReader reader, int bound, string what)
    {
        var values = new int[ReadCount(reader, sizeof(int))];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
            if (values[i] < 0 || values[i] >= bound) throw new InvalidDataException($"{what}: {values[i]} is outside [0, {bound})");
        }
        return values;
    }

    /// <summary>Requires a value read back to be one a learner could hold: finite and non-negative.</summary>
    public static double Weight(double value, string what) =>
        value >= 0 && double.IsFinite(value) ? value : throw new InvalidDataException($"{what}: {value} is not a weight");
}
