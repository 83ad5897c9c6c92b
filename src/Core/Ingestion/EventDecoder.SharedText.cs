using System.Text.Json;

namespace StreamMl.Core.Ingestion;

/// <summary>
/// The text the decoder shares between events: one instance per category and per slice key, so that events that
/// wait in memory (for their labels) do not each keep a copy, and the hot path does not allocate them again.
/// </summary>
public sealed partial class EventDecoder
{
    /// <summary>Categories longer than this are not shared (a free-text column would only fill the table).</summary>
    private const int MaxSharedCategoryLength = 128;

    private readonly SharedStrings _categories = new();
    private readonly SharedStrings _sliceKeys = new();

    /// <summary>A category's text as the instance shared by every event with that category.</summary>
    private string SharedCategory(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > MaxSharedCategoryLength) return reader.GetString()!;
        Span<char> buffer = stackalloc char[MaxSharedCategoryLength];
        return _categories.Get(buffer[..reader.CopyString(buffer)]);
    }

    private string[] SliceKeys(string?[] categorical, string?[] derived)
    {
        var definitions = spec.Slices;
        var keys = new string[1 + definitions.Count];
        keys[0] = GlobalSlice;
        var count = 1;
        Span<char> initial = stackalloc char[256];
        var builder = new ValueStringBuilder(initial);
        for (var d = 0; d < definitions.Count; d++)
        {
            builder.Clear();
            var complete = true;
            foreach (var column in definitions[d])
            {
                var value = column.IsDerived ? derived[column.Index] : categorical[column.Index];
                if (value is null)
                {
                    complete = false;
                    break;
                }
                if (builder.Length > 0) builder.Append(',');
                builder.Append(column.Name);
                builder.Append('=');
                builder.Append(value);
            }
            if (complete) keys[count++] = _sliceKeys.Get(builder.AsSpan());
        }
        builder.Dispose();
        if (count < keys.Length) Array.Resize(ref keys, count);
        return keys;
    }
}
