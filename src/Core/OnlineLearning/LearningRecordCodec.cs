using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace StreamMl.Core.OnlineLearning;

/// <summary>
/// The bytes of a label-log record. An example: the byte 1, the id, the label, the arrival time and whether it came
/// late, then the numeric values, the categorical values (a flag byte each: 0 missing, 1 present, then the text) and the
/// revealed labels. A reset: the byte 2, the version, the reason and the time. Doubles and longs are little-endian,
/// counts and string lengths 32-bit, strings UTF-8: the same record always gives the same bytes.
/// </summary>
public static class LearningRecordCodec
{
    private const byte ExampleKind = 1;
    private const byte ResetKind = 2;
    /// <summary>No record holds more values than this: a larger count means a corrupt record.</summary>
    private const int MaxValues = 1 << 20;

    public static byte[] Encode(LearningRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        switch (record)
        {
            case LearningExample e:
                WriteByte(buffer, ExampleKind);
                WriteString(buffer, e.Id);
                WriteDouble(buffer, e.Label);
                WriteLong(buffer, e.ArrivedAtMs);
                WriteByte(buffer, e.Late ? (byte)1 : (byte)0);
                WriteDoubles(buffer, e.Numeric);
                WriteInt(buffer, e.Categorical.Length);
                foreach (var value in e.Categorical)
                {
                    WriteByte(buffer, value is null ? (byte)0 : (byte)1);
                    if (value is not null) WriteString(buffer, value);
                }
                WriteDoubles(buffer, e.RevealedLabels);
                break;
            case LearnerReset r:
                WriteByte(buffer, ResetKind);
                WriteString(buffer, r.Version);
                WriteString(buffer, r.Reason);
                WriteLong(buffer, r.AtMs);
                break;
            default:
                throw new ArgumentException($"unknown learning record {record.GetType().Name}", nameof(record));
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The record the bytes hold, or null (with the reason) when they hold none: a learner skips such a record, every replica alike.</summary>
    public static LearningRecord? Decode(ReadOnlySpan<byte> bytes, out string? problem)
    {
        problem = null;
        var reader = new Reader(bytes);
        try
        {
            LearningRecord record = reader.Byte() switch
            {
                ExampleKind => ReadExample(ref reader),
                ResetKind => new LearnerReset(reader.String(), reader.String(), reader.Long()),
                var kind => throw new FormatException($"unknown record kind {kind}"),
            };
            if (!reader.AtEnd) throw new FormatException("bytes follow the record");
            return record;
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static LearningExample ReadExample(ref Reader reader)
    {
        var id = reader.String();
        var label = reader.Double();
        var arrived = reader.Long();
        var late = reader.Byte() != 0;
        var numeric = reader.Doubles();
        var categorical = new string?[reader.Count()];
        for (var i = 0; i < categorical.Length; i++) categorical[i] = reader.Byte() == 0 ? null : reader.String();
        var revealed = reader.Doubles();
        return new LearningExample(id, numeric, categorical, label, revealed, arrived, late);
    }

    private static void WriteByte(ArrayBufferWriter<byte> buffer, byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    private static void WriteInt(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    private static void WriteLong(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteDouble(ArrayBufferWriter<byte> buffer, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteDoubles(ArrayBufferWriter<byte> buffer, double[] values)
    {
        WriteInt(buffer, values.Length);
        foreach (var v in values) WriteDouble(buffer, v);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt(buffer, length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public readonly bool AtEnd => _at == _bytes.Length;

        public byte Byte() => Take(1)[0];

        public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public int Count()
        {
            var count = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
            return count is >= 0 and <= MaxValues ? count : throw new FormatException($"count {count} out of range");
        }

        public double[] Doubles()
        {
            var values = new double[Count()];
            for (var i = 0; i < values.Length; i++) values[i] = Double();
            return values;
        }

        public string String()
        {
            var bytes = Take(Count());
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new FormatException("a string is not valid UTF-8");
            }
        }

        private ReadOnlySpan<byte> Take(int n)
        {
            if (_at + n > _bytes.Length) throw new FormatException("the record is truncated");
            var span = _bytes.Slice(_at, n);
            _at += n;
            return span;
        }
    }
}
