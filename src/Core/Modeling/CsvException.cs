namespace StreamMl.Core.Modeling;

/// <summary>Raised for a CSV file or row that cannot be read; the message gives the file and line.</summary>
public sealed class CsvException(string message, int lineNumber) : Exception(message)
{
    /// <summary>The 1-based line of the offending row (the header is line 1).</summary>
    public int LineNumber => lineNumber;
}
