namespace StreamMl.Core.Learning.Features;

/// <summary>Numbers the values of each categorical feature in the order they are first learnt: 0, 1, 2, …</summary>
/// <remarks>
/// A value gets a code only while learning, so predicting never changes a learner. Missing values (null)
/// encode as <see cref="Missing"/>; a value never learnt, or learnt after its feature already had
/// <see cref="Capacity"/> values, encodes as <see cref="Unseen"/>. Codes follow the stream's order, so the
/// same examples give the same codes, and the state lists each feature's values in code order.
/// </remarks>
internal sealed class CategoryCodes
{
    public const int Missing = -1;
    public const int Unseen = -2;

    /// <summary>Values kept per feature; later new values are unseen. Bounds a tree's per-leaf counts.</summary>
    public const int Capacity = 1024;

    private readonly Dictionary<string, int>[] _codes;
    private readonly List<string>[] _values;

    public CategoryCodes(int features)
    {
        _codes = new Dictionary<string, int>[features];
        _values = new List<string>[features];
        for (var i = 0; i < features; i++)
        {
            _codes[i] = new Dictionary<string, int>(StringComparer.Ordinal);
            _values[i] = [];
        }
    }

    public int Features => _codes.Length;

    /// <summary>Values numbered so far for a feature.</summary>
    public int Count(int feature) => _values[feature].Count;

    /// <summary>Codes of the values, numbering new ones when <paramref name="learn"/> is set.</summary>
    public void Encode(ReadOnlySpan<string?> values, Span<int> codes, bool learn)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value is null) codes[i] = Missing;
            else if (_codes[i].TryGetValue(value, out var code)) codes[i] = code;
            else if (learn && _values[i].Count < Capacity) codes[i] = Add(i, value);
            else codes[i] = Unseen;
        }
    }

    public long MemoryBytes()
    {
        long bytes = 0;
        foreach (var values in _values)
            foreach (var v in values) bytes += 64 + 2L * v.Length;
        return bytes;
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(_values.Length);
        foreach (var values in _values)
        {
            writer.Write(values.Count);
            foreach (var v in values) writer.Write(v);
        }
    }

    public void Load(BinaryReader reader)
    {
        if (reader.ReadInt32() != _values.Length) throw new InvalidDataException("category codes: the number of categorical features differs");
        for (var i = 0; i < _values.Length; i++)
        {
            _codes[i].Clear();
            _values[i].Clear();
            var count = StateFormat.ReadCount(reader, 1);
            if (count > Capacity) throw new InvalidDataException($"category codes: {count} values for one feature (at most {Capacity})");
            for (var k = 0; k < count; k++)
            {
                var value = reader.ReadString();
                if (_codes[i].ContainsKey(value)) throw new InvalidDataException($"category codes: '{value}' listed twice");
                Add(i, value);
            }
        }
    }

    private int Add(int feature, string value)
    {
        var code = _values[feature].Count;
        _codes[feature].Add(value, code);
        _values[feature].Add(value);
        return code;
    }
}
