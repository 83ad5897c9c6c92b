namespace StreamMl.Core.Learning;

/// <summary>Reading and writing the parts of a learner's saved state, with checks that keep a corrupt blob from allocating wildly.</summary>
internal static class StateFormat
{
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
