namespace StreamMl.Core.Contracts;

/// <summary>
/// The shortest round-trip text of a double that is a short decimal (zero, or at most <see cref="MaxDecimals"/> decimals
/// between 10⁻⁴ and 10¹⁵ in magnitude), found without the runtime's general algorithm: feature values read from text are
/// mostly such numbers, and formatting them the general way was the example store's largest cost.
/// </summary>
/// <remarks>
/// <para>For k = 0, 1, … decimals, n = round(|v|·10ᵏ) is tried: the text n·10⁻ᵏ reads back as v exactly when n / 10ᵏ,
/// computed in doubles, equals |v| (n and 10ᵏ are exact, and IEEE division rounds correctly, as parsing does). The
/// first k that works gives the fewest digits. Once 10⁻ᵏ is close to the spacing of doubles near v, two k-decimal
/// texts may read back as v, and the runtime picks by its own rule; that case is left to it (the method answers
/// false), as are numbers whose text the runtime writes with an exponent.</para>
/// <para>While 10⁻ᵏ is more than twice that spacing, at most one k-decimal text reads back as v, and it is within a
/// quarter of 10⁻ᵏ of v, so rounding the computed product finds it.</para>
/// </remarks>
public static class ShortDecimal
{
    public const int MaxDecimals = 9;

    /// <summary>The longest text written: a sign, 15 integer digits, a point and <see cref="MaxDecimals"/> decimals.</summary>
    public const int MaxLength = 1 + 15 + 1 + MaxDecimals;

    private const double Min = 1e-4, Max = 1e15, ExactIntegers = 9007199254740992.0; // 2^53

    private static readonly double[] Scales = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    /// <summary>
    /// Writes <paramref name="value"/>'s shortest round-trip text in UTF-8 (as <c>double.ToString("R")</c> gives it)
    /// when it is a short decimal (-0 is "-0"); false, writing nothing, for any other value (NaN and infinities included).
    /// </summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < MaxLength) return false;
        if (value == 0)
        {
            if (double.IsNegative(value)) destination[written++] = (byte)'-';
            destination[written++] = (byte)'0';
            return true;
        }
        var magnitude = Math.Abs(value);
        if (!(magnitude >= Min && magnitude < Max)) return false;
        var spacing = Math.BitIncrement(magnitude) - magnitude;
        for (var k = 0; k < Scales.Length; k++)
        {
            var scale = Scales[k];
            var scaled = magnitude * scale;
            if (scaled >= ExactIntegers) return false;
            var n = Math.Round(scaled);
            var reads = n / scale == magnitude;
            if (spacing * scale >= 0.5)
            {
                // Decimals this fine may give more than one text that reads back: only a single one is taken.
                var neighbours = (n - 1) / scale == magnitude || (n + 1) / scale == magnitude;
                if (!reads || neighbours) return false;
            }
            if (!reads) continue;
            written = Write(value < 0, (long)n, k, destination);
            return true;
        }
        return false;
    }

    private static int Write(bool negative, long digits, int decimals, Span<byte> destination)
    {
        var length = 0;
        if (negative) destination[length++] = (byte)'-';
        Span<byte> reversed = stackalloc byte[20];
        var count = 0;
        // Digits from the last: the decimals (zeros included), then the integer part ("0" when there is none).
        for (var i = 0; i < decimals; i++, digits /= 10) reversed[count++] = (byte)('0' + digits % 10);
        var integerStart = count;
        do
        {
            reversed[count++] = (byte)('0' + digits % 10);
            digits /= 10;
        }
        while (digits > 0);
        for (var i = count - 1; i >= integerStart; i--) destination[length++] = reversed[i];
        if (decimals == 0) return length;
        destination[length++] = (byte)'.';
        for (var i = integerStart - 1; i >= 0; i--) destination[length++] = reversed[i];
        return length;
    }
}
