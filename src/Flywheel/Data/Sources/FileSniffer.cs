using System.Text;

namespace Flywheel.Data.Sources;

/// <summary>
/// Cheap checks on the first bytes of a file before DuckDB sees it, so the common mistakes (empty, binary,
/// not UTF-8) get a message that names the file and the place instead of a parser error.
/// </summary>
internal static class FileSniffer
{
    private const int SampleBytes = 1 << 16;
    private static readonly byte[] ParquetMagic = "PAR1"u8.ToArray();

    public static void Check(string path, SourceFormat format)
    {
        byte[] head;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length == 0) throw new InputException("the file is empty; expected a header row and at least one data row", path);
            head = new byte[Math.Min(SampleBytes, stream.Length)];
            stream.ReadExactly(head);
        }
        catch (IOException error)
        {
            throw new InputException($"the file cannot be read: {error.Message}", path, inner: error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new InputException("the file cannot be read: permission denied", path, inner: error);
        }

        if (format == SourceFormat.Parquet)
        {
            if (!head.AsSpan().StartsWith(ParquetMagic))
                throw new InputException("this is not a Parquet file (it does not start with PAR1); rename it to .csv if it is text", path);
            return;
        }
        if (head.AsSpan().StartsWith(ParquetMagic))
            throw new InputException("this is a Parquet file; give it the .parquet extension", path);
        CheckText(path, head, truncated: head.Length == SampleBytes);
    }

    private static void CheckText(string path, byte[] head, bool truncated)
    {
        var nul = Array.IndexOf(head, (byte)0);
        if (nul >= 0)
        {
            var (line, column) = Locate(head, nul);
            throw new InputException("this is a binary file, not CSV text (it contains a NUL byte); export the data as UTF-8 CSV or Parquet", path, line, column);
        }
        // The sample may end inside a multi-byte character; only the complete part is checked.
        var checkedLength = truncated ? CompletePrefix(head) : head.Length;
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            decoder.GetCharCount(head, 0, checkedLength);
        }
        catch (DecoderFallbackException error)
        {
            var (line, column) = Locate(head, Math.Max(0, error.Index));
            throw new InputException("the file is not valid UTF-8 (Shift_JIS or Latin-1?); save it as UTF-8", path, line, column);
        }
    }

    private static int CompletePrefix(byte[] bytes)
    {
        var end = bytes.Length;
        for (var back = 1; back <= 3 && end - back >= 0; back++)
        {
            var b = bytes[end - back];
            if ((b & 0xC0) != 0x80) return (b & 0x80) == 0 ? end : end - back;
        }
        return end;
    }

    private static (int Line, int Column) Locate(byte[] bytes, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, index - lineStart + 1);
    }
}
