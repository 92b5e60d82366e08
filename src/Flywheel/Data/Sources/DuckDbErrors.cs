using System.Data.Common;
using System.Text.RegularExpressions;

namespace Flywheel.Data.Sources;

/// <summary>Turns DuckDB's reader errors into <see cref="InputException"/>s that say what is wrong with the file and where.</summary>
internal static partial class DuckDbErrors
{
    public static InputException Translate(DbException error, string path)
    {
        var message = error.Message;
        int? line = LineOf(message);
        if (LineSize().Match(message) is { Success: true } size && long.TryParse(size.Groups[1].Value, out var limit))
        {
            // DuckDB counts the line in its own buffers (often "Line: 1"); the file is read again for the real one.
            var (at, length) = LongLine(path, limit);
            return new InputException($"a line of {length:N0} bytes, longer than the {limit:N0} a row may have: a field this long is not tabular data (an embedded file or an unclosed quote?)", path, at, inner: error);
        }
        if (ColumnCount().Match(message) is { Success: true } counts)
            return new InputException($"a ragged row: it has {counts.Groups[2].Value} fields where the header has {counts.Groups[1].Value}; check delimiters and quotes on that line", path, line, inner: error);
        if (message.Contains("Invalid unicode", StringComparison.OrdinalIgnoreCase))
            return new InputException("the file is not valid UTF-8 (Shift_JIS or Latin-1?); save it as UTF-8", path, line, inner: error);
        if (message.Contains("No files found", StringComparison.OrdinalIgnoreCase) || message.Contains("No such file", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Cannot open file", StringComparison.OrdinalIgnoreCase) || message.StartsWith("IO Error", StringComparison.OrdinalIgnoreCase))
            return new InputException("the file could not be read to the end (was it moved, deleted or truncated while reading?)", path, line, inner: error);
        if (ConversionColumn(message) is { } column)
            return new InputException($"column '{column}' has a value that does not fit its declared type: {FirstLine(message)}", path, line, inner: error);
        return new InputException($"the file could not be read: {FirstLine(message)}", path, line, inner: error);
    }

    /// <summary>The column named by a "could not convert" error, if that is what the error is.</summary>
    public static string? ConversionColumn(string message)
    {
        if (!message.Contains("Could not convert", StringComparison.OrdinalIgnoreCase) && !message.Contains("Error when converting", StringComparison.OrdinalIgnoreCase))
            return null;
        var match = ConvertingColumn().Match(message);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static int? LineOf(string message)
    {
        var match = LineNumber().Match(message);
        return match.Success && int.TryParse(match.Groups[1].Value, out var line) ? line : null;
    }

    // DuckDB quotes the offending value and, on later lines, the whole row: only the first line is kept, and quoted
    // text in it is elided, so an error never echoes the file's contents.
    private static string FirstLine(string message)
    {
        var first = message.Split('\n', 2)[0].Trim();
        var colon = first.IndexOf("Error: ", StringComparison.Ordinal);
        return Quoted().Replace(colon >= 0 ? first[(colon + 7)..] : first, "'…'");
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    // The first line of the file longer than limit bytes, and its length; (null, 0) when none is (the file changed).
    private static (int? Line, long Length) LongLine(string path, long limit)
    {
        try
        {
            using var stream = new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), 1 << 16);
            int line = 1, b;
            long length = 0;
            while ((b = stream.ReadByte()) >= 0)
            {
                if (b != '\n')
                {
                    length++;
                    continue;
                }
                if (length > limit) return (line, length);
                line++;
                length = 0;
            }
            return length > limit ? (line, length) : (null, 0);
        }
        catch (IOException)
        {
            return (null, 0);
        }
    }

    [GeneratedRegex(@"Maximum line size of (\d+) bytes exceeded")]
    private static partial Regex LineSize();

    [GeneratedRegex(@"Line:\s*(\d+)")]
    private static partial Regex LineNumber();

    [GeneratedRegex(@"Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)")]
    private static partial Regex ColumnCount();

    [GeneratedRegex("converting column \"(.+?)\"")]
    private static partial Regex ConvertingColumn();
}
