namespace StreamMl.Core.Drift.Detectors;

/// <summary>ADWIN's window as bytes, for the learners that keep one in their saved state.</summary>
public sealed partial class Adwin
{
    /// <summary>Writes the window and counters (not the parameters, which the owner knows) for a learner's saved state.</summary>
    internal void Save(BinaryWriter writer)
    {
        writer.Write(Updates);
        writer.Write(DriftDetected);
        writer.Write(_ticks);
        writer.Write(_width);
        writer.Write(_total);
        writer.Write(_variance);
        writer.Write(_rows);
        for (var row = 0; row < _rows; row++)
        {
            writer.Write(_rowCounts[row]);
            for (var k = 0; k < _rowCounts[row]; k++)
            {
                writer.Write(_sums[row * _slots + k]);
                writer.Write(_squares[row * _slots + k]);
            }
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote into a detector made with the same parameters.</summary>
    /// <exception cref="InvalidDataException">The bucket layout cannot come from a detector with these parameters.</exception>
    internal void Load(BinaryReader reader)
    {
        Reset();
        Updates = reader.ReadInt64();
        DriftDetected = reader.ReadBoolean();
        _ticks = reader.ReadInt64();
        _width = reader.ReadDouble();
        _total = reader.ReadDouble();
        _variance = reader.ReadDouble();
        _rows = reader.ReadInt32();
        if (_rows is < 0 or > MaxRows) throw new InvalidDataException($"ADWIN state: {_rows} bucket rows (at most {MaxRows})");
        for (var row = 0; row < _rows; row++)
        {
            var count = reader.ReadInt32();
            if (count < 0 || count > _slots) throw new InvalidDataException($"ADWIN state: {count} buckets in a row (at most {_slots})");
            _rowCounts[row] = count;
            for (var k = 0; k < count; k++)
            {
                _sums[row * _slots + k] = reader.ReadDouble();
                _squares[row * _slots + k] = reader.ReadDouble();
            }
        }
    }
}
