using System.Text;

namespace Flywheel;

/// <summary>Finds where a file stops being UTF-8, streaming it, so a reader that failed mid-file can name the line.</summary>
public static class Utf8Check
{
    /// <summary>The message for bytes that are not UTF-8, the same wherever a file is read.</summary>
    public const string NotUtf8 = "the file is not valid UTF-8 (Shift_JIS or Latin-1?); save it as UTF-8";

    /// <summary>The 1-based line and column (in bytes) of the first byte that is not UTF-8, or null when the file is valid.</summary>
    public static (int Line, int Column)? FirstInvalid(string path)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 16];
        int line = 1;
        long column = 1;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            try
            {
                decoder.GetCharCount(buffer, 0, read, flush: false);
            }
            catch (DecoderFallbackException error)
            {
                // Index is relative to this block; a sequence begun in the previous block may give a small negative index.
                var end = Math.Clamp(error.Index, 0, read);
                Advance(buffer.AsSpan(0, end), ref line, ref column);
                return (line, (int)Math.Min(column, int.MaxValue));
            }
            Advance(buffer.AsSpan(0, read), ref line, ref column);
        }
        return null;
    }

    /// <summary>The error for a reader that met invalid bytes in <paramref name="path"/>, at the first of them.</summary>
    public static InputException Error(string path, Exception? inner = null)
    {
        var at = File.Exists(path) ? FirstInvalid(path) : null;
        return new InputException(NotUtf8, path, at?.Line, at?.Column, inner);
    }

    private static void Advance(ReadOnlySpan<byte> bytes, ref int line, ref long column)
    {
        var last = bytes.LastIndexOf((byte)'\n');
        if (last < 0)
        {
            column += bytes.Length;
            return;
        }
        line += bytes.Count((byte)'\n');
        column = bytes.Length - last;
    }
}
