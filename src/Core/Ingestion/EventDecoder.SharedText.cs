using System.Collections.Concurrent;
using System.Text.Json;

namespace StreamMl.Core.Ingestion;

/// <summary>
/// The text the decoder shares between events: one instance per category and per slice key and, when every slice is
/// cut by derived columns only, one pair of derived-column and slice-key arrays per combination of derived buckets,
/// so that events that wait in memory (for their labels) do not each keep a copy, and the hot path does not allocate
/// them again. Events' arrays are never written after decoding.
/// </summary>
public sealed partial class EventDecoder
{
    /// <summary>Categories longer than this are not shared (a free-text column would only fill the table).</summary>
    private const int MaxSharedCategoryLength = 128;

    /// <summary>The most combinations of derived buckets whose arrays are shared; a spec with more builds them per event.</summary>
    private const int MaxSharedLayouts = 4096;

    private readonly SharedStrings _categories = new();
    private readonly SharedStrings _sliceKeys = new();
    private readonly ConcurrentDictionary<int, (string?[] Derived, string[] Slices)> _layouts = new();
    private readonly bool _shareLayouts = SharesLayouts(spec);

    private static bool SharesLayouts(Spec.CompiledSpec spec)
    {
        if (spec.Derived.Count == 0 || spec.Slices.Any(definition => definition.Any(column => !column.IsDerived))) return false;
        var combinations = 1L;
        foreach (var column in spec.Derived) combinations = Math.Min(combinations * (column.LabelCount + 1), MaxSharedLayouts + 1L);
        return combinations <= MaxSharedLayouts;
    }

    /// <summary>The event's derived columns and slice keys: shared per combination of derived buckets where the spec allows.</summary>
    private (string?[] Derived, string[] Slices) DerivedAndSlices(double[] numeric, string?[] categorical)
    {
        if (!_shareLayouts)
        {
            var derived = new string?[spec.Derived.Count];
            for (var i = 0; i < derived.Length; i++) derived[i] = spec.Derived[i].Evaluate(numeric[spec.Derived[i].SourceIndex]);
            return (derived, SliceKeys(categorical, derived));
        }
        var code = 0;
        foreach (var column in spec.Derived) code = code * (column.LabelCount + 1) + column.BucketOf(numeric[column.SourceIndex]) + 1;
        return _layouts.TryGetValue(code, out var layout) ? layout : _layouts.GetOrAdd(code, Layout(code, categorical));
    }

    /// <summary>The derived columns and slice keys of combination <paramref name="code"/> (see <see cref="DerivedAndSlices"/>).</summary>
    private (string?[] Derived, string[] Slices) Layout(int code, string?[] categorical)
    {
        var derived = new string?[spec.Derived.Count];
        for (var i = derived.Length - 1; i >= 0; i--)
        {
            var radix = spec.Derived[i].LabelCount + 1;
            derived[i] = spec.Derived[i].LabelAt(code % radix - 1);
            code /= radix;
        }
        return (derived, SliceKeys(categorical, derived));
    }

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
