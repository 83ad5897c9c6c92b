using System.Buffers;
using System.Text;
using StreamMl.Core.Training;

namespace StreamMl.Storage;

/// <summary>
/// The rows of one append, each an event id and its <see cref="ExamplePayload"/>, encoded once in UTF-8 into one
/// buffer that is kept from append to append: the dialects bind the bytes as they are, without a string per row.
/// </summary>
internal sealed class ExampleRows
{
    private readonly ArrayBufferWriter<byte> _bytes = new(64 * 1024);
    private readonly List<(int IdStart, int IdLength, int PayloadLength)> _rows = [];
    private readonly ExamplePayload _payload = new();

    public int Count => _rows.Count;

    /// <summary>The bytes the buffer holds room for: the largest append's so far.</summary>
    public int Capacity => _bytes.Capacity;

    /// <summary>Empties the rows and fills them with <paramref name="examples"/>, in order.</summary>
    /// <exception cref="ArgumentException">An example has no event.</exception>
    public void Fill(IReadOnlyList<TrainingExample> examples)
    {
        _bytes.ResetWrittenCount();
        _rows.Clear();
        for (var i = 0; i < examples.Count; i++)
        {
            var (e, label) = examples[i];
            if (e is null) throw new ArgumentException($"example {i} of the append has no event", nameof(examples));
            var idStart = _bytes.WrittenCount;
            var idLength = Encoding.UTF8.GetBytes(e.Id, _bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(e.Id.Length)));
            _bytes.Advance(idLength);
            var payloadStart = _bytes.WrittenCount;
            _payload.Write(e, label, _bytes);
            _rows.Add((idStart, idLength, _bytes.WrittenCount - payloadStart));
        }
    }

    /// <summary>The event id of row <paramref name="row"/> in UTF-8.</summary>
    public ReadOnlySpan<byte> EventId(int row)
    {
        var (start, length, _) = _rows[row];
        return _bytes.WrittenSpan.Slice(start, length);
    }

    /// <summary>The payload of row <paramref name="row"/> in UTF-8: the JSON <see cref="ExamplePayload"/> writes.</summary>
    public ReadOnlySpan<byte> Payload(int row)
    {
        var (start, idLength, length) = _rows[row];
        return _bytes.WrittenSpan.Slice(start + idLength, length);
    }
}
