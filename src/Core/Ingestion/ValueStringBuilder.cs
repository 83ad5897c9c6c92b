using System.Buffers;

namespace StreamMl.Core.Ingestion;

/// <summary>Builds text in a caller's stack buffer, moving to a pooled array only when it outgrows it.</summary>
internal ref struct ValueStringBuilder(Span<char> initial)
{
    private Span<char> _chars = initial;
    private char[]? _rented;

    public int Length { get; private set; }

    public readonly ReadOnlySpan<char> AsSpan() => _chars[..Length];

    public void Clear() => Length = 0;

    public void Append(char c)
    {
        if (Length == _chars.Length) Grow(1);
        _chars[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _chars.Length) Grow(text.Length);
        text.CopyTo(_chars[Length..]);
        Length += text.Length;
    }

    public void Dispose()
    {
        if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
        _rented = null;
    }

    private void Grow(int more)
    {
        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, Length + more));
        _chars[..Length].CopyTo(bigger);
        if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
        _chars = _rented = bigger;
    }
}
