using System.Buffers.Text;
using System.Text.Json;

namespace StreamMl.Core.Contracts;

/// <summary>
/// Writes doubles as <see cref="NamedFloatingPoint.Write"/> does, sooner for values read from text (feature values and
/// labels): a short decimal's text is found by <see cref="ShortDecimal"/> first, and the text of values written before
/// is kept: streams repeat their values (the half-hour of the day, a price that holds for hours, a sensor's few levels),
/// and a repeated value's text is copied, not worked out again; a value with 17 significant digits takes several times
/// as long to format as to copy. A value that is neither (a model's score, say) costs up to ten failed tries of
/// <see cref="ShortDecimal"/> more, so such values go to <see cref="NamedFloatingPoint.Write"/>. The same bytes as it.
/// </summary>
/// <remarks>
/// A table of <see cref="Slots"/> slots (about 40 KB) keyed by the value's bits, each holding the last value that fell
/// in it: a value finds its text while no other value took its slot since. On elec2's six features, about half of the
/// values written are found. One instance per writer; not thread-safe.
/// </remarks>
public sealed class RepeatedNumberJson
{
    private const int SlotBits = 10;

    public const int Slots = 1 << SlotBits;

    /// <summary>Room for the longest text of a double: <see cref="ShortDecimal.MaxLength"/>, and "-1.7976931348623157E+308".</summary>
    private const int TextRoom = 32;

    private const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

    private readonly ulong[] _bits = new ulong[Slots];
    /// <summary>The length of each slot's text; 0 while the slot is empty.</summary>
    private readonly byte[] _lengths = new byte[Slots];
    private readonly byte[] _texts = new byte[Slots * TextRoom];

    /// <summary>Writes <paramref name="value"/> as a JSON value: a number when finite, else "NaN", "Infinity" or "-Infinity".</summary>
    public void Write(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            NamedFloatingPoint.Write(writer, value);
            return;
        }
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var slot = (int)((bits * Fibonacci) >> (64 - SlotBits));
        var text = _texts.AsSpan(slot * TextRoom, TextRoom);
        if (_lengths[slot] == 0 || _bits[slot] != bits)
        {
            // A short decimal's own text (the general formatting's), else the one Utf8JsonWriter.WriteNumberValue formats.
            if (!ShortDecimal.TryFormat(value, text, out var length) && !Utf8Formatter.TryFormat(value, text, out length))
                throw new InvalidOperationException($"the text of {value:R} is longer than {TextRoom} bytes");
            (_bits[slot], _lengths[slot]) = (bits, (byte)length);
        }
        writer.WriteRawValue(text[.._lengths[slot]], skipInputValidation: true);
    }
}
