using System.IO.Compression;
using System.Text;

namespace StreamMl.Core.Files;

/// <summary>Opens a UTF-8 text file, plain or gzip-compressed: a gzip file is told by its first two bytes, not its name.</summary>
public static class TextFile
{
    private const byte GzipFirst = 0x1f, GzipSecond = 0x8b;

    /// <summary>A reader over the file's text, decompressed when the file is gzip; a UTF-8 byte order mark is skipped.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static TextReader Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            Stream stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
            return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The whole text of the file (decompressed when gzip).</summary>
    public static string ReadAll(string path)
    {
        using var reader = Open(path);
        return reader.ReadToEnd();
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        var read = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && head[0] == GzipFirst && head[1] == GzipSecond;
    }
}
