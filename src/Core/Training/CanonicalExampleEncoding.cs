using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StreamMl.Core.Training;

/// <summary>
/// The canonical bytes of training examples that <see cref="TrainingSnapshot"/> hashes (version 1).
/// </summary>
/// <remarks>
/// <para>The bytes start with the ASCII prefix <see cref="Prefix"/>, then each example follows in ascending
/// sequence order. Integers are little-endian two's complement; a string is an int32 count of its UTF-8
/// bytes followed by those bytes, or the int32 -1 for null; a double is the uint64 of its IEEE-754 bits,
/// so -0 differs from +0, and every NaN is written as the one quiet NaN 0x7FF8000000000000 (a store keeps
/// "missing", not a NaN payload). One example is:</para>
/// <list type="number">
/// <item>int64 sequence;</item>
/// <item>string id;</item>
/// <item>time: byte 0 when absent, else byte 1, int64 UTC ticks (100 ns since 0001-01-01) and int16 offset in minutes;</item>
/// <item>numeric: int32 count, then each double;</item>
/// <item>categorical: int32 count, then each string;</item>
/// <item>derived: int32 count, then each string;</item>
/// <item>label: byte 0 when absent, else byte 1 and the double;</item>
/// <item>slices: int32 count, then each string.</item>
/// </list>
/// <para>Counts make the encoding self-delimiting: two different example lists never share their bytes.</para>
/// </remarks>
internal sealed class CanonicalExampleEncoding : IDisposable
{
    /// <summary>Names the encoding and its version; a new layout gets a new prefix.</summary>
    public const string Prefix = "streamml.training-snapshot.v1\n";

    /// <summary>The bits every NaN is written as.</summary>
    public const ulong CanonicalNaN = 0x7FF8_0000_0000_0000;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public CanonicalExampleEncoding() => _hash.AppendData(Encoding.ASCII.GetBytes(Prefix));

    /// <summary>Adds one example's bytes to the hash.</summary>
    public void Append(LabelledExample example)
    {
        var e = example.Event;
        _buffer.ResetWrittenCount();
        WriteInt64(example.Sequence);
        WriteString(e.Id);
        if (e.Time is { } time)
        {
            WriteByte(1);
            WriteInt64(time.UtcTicks);
            WriteInt16((short)(time.Offset.Ticks / TimeSpan.TicksPerMinute));
        }
        else
        {
            WriteByte(0);
        }
        WriteInt32(e.Numeric.Length);
        foreach (var value in e.Numeric) WriteDouble(value);
        WriteStrings(e.Categorical);
        WriteStrings(e.Derived);
        if (e.Label is { } label)
        {
            WriteByte(1);
            WriteDouble(label);
        }
        else
        {
            WriteByte(0);
        }
        WriteStrings(e.Slices);
        _hash.AppendData(_buffer.WrittenSpan);
    }

    /// <summary>The SHA-256 of everything appended, lower-case hex.</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();

    private void WriteStrings(string?[] values)
    {
        WriteInt32(values.Length);
        foreach (var value in values) WriteString(value);
    }

    private void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    private void WriteDouble(double value) =>
        WriteUInt64(double.IsNaN(value) ? CanonicalNaN : BitConverter.DoubleToUInt64Bits(value));

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    private void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    private void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    private void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }
}
