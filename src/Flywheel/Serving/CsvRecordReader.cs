using System.Text;

namespace Flywheel.Serving;

/// <summary>A CSV record and the 1-based line it starts on.</summary>
public readonly record struct CsvRecord(int Line, string[] Fields);

/// <summary>
/// Reads RFC 4180 CSV one record at a time (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF),
/// so a file of any size streams through in constant memory.
/// </summary>
public sealed class CsvRecordReader(TextReader reader, string file)
{
    private int _line = 1;

    public IEnumerable<CsvRecord> Records()
    {
        while (Read() is { } record) yield return record;
    }

    public CsvRecord? Read()
    {
        if (reader.Peek() < 0) return null;
        var start = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldWasQuoted = false;
        while (true)
        {
            var next = reader.Read();
            if (quoted)
            {
                if (next < 0) throw new InputException("a quoted field is not closed before the end of the file", file, start);
                if (next == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (next == '\n') _line++;
                    field.Append((char)next);
                }
                continue;
            }
            switch (next)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    quoted = fieldWasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n' or -1:
                    if (next == '\n') _line++;
                    fields.Add(field.ToString());
                    return new CsvRecord(start, fields.ToArray());
                default:
                    field.Append((char)next);
                    break;
            }
        }
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break.</summary>
    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
