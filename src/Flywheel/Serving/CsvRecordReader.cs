using System.Buffers;
using System.Text;

namespace Flywheel.Serving;

/// <summary>A CSV record and the 1-based line it starts on.</summary>
public readonly record struct CsvRecord(int Line, string[] Fields);

/// <summary>
/// Reads RFC 4180 CSV one record at a time (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF),
/// so a file of any size streams through in constant memory; the delimiter and quote are the training file's
/// (a null quote: no quoting). A quote opens a quoted field only as the field's first character; anywhere else it
/// is kept as text, as is a carriage return not followed by a line feed.
/// </summary>
public sealed class CsvRecordReader(TextReader reader, string file, char delimiter = ',', char? quote = '"', int bufferSize = CsvRecordReader.FileBufferSize)
{
    /// <summary>The block a file is read in; a request body passes its own length so a one-row body does not allocate 128 KB.</summary>
    public const int FileBufferSize = 64 * 1024;

    private readonly SearchValues<char> _unquotedStops = SearchValues.Create($"{delimiter}\r\n");
    private readonly SearchValues<char> _quotedStops = SearchValues.Create($"{quote ?? '"'}\n");

    // The reader is consumed in blocks: a call per character through TextReader costs more than the parsing.
    private readonly char[] _buffer = new char[Math.Clamp(bufferSize, 16, FileBufferSize)];
    private int _position;
    private int _end;
    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();
    private int _line = 1;

    public IEnumerable<CsvRecord> Records()
    {
        while (Read() is { } record) yield return record;
    }

    public CsvRecord? Read()
    {
        if (Peek() < 0) return null;
        var start = _line;
        _fields.Clear();
        while (true)
        {
            _field.Clear();
            if (quote is { } q && Peek() == q)
            {
                _position++;
                ReadQuoted(start);
            }
            if (ReadUnquoted() != delimiter) return new CsvRecord(start, _fields.ToArray()); // a line feed or the end of the file
        }
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break.</summary>
    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    /// <summary>A reader for a file written in <paramref name="dialect"/>.</summary>
    public static CsvRecordReader For(TextReader reader, string file, Data.Sources.CsvDialect dialect, int bufferSize = FileBufferSize) =>
        new(reader, file, dialect.Delimiter is [var d] ? d : ',', dialect.Quote is [var q] ? q : null, bufferSize);

    // The rest of a field up to the delimiter, line feed or the end of the file; adds the field and returns what ended it (-1: the end).
    private int ReadUnquoted()
    {
        while (true)
        {
            if (!Fill())
            {
                _fields.Add(_field.ToString());
                return -1;
            }
            var span = _buffer.AsSpan(_position, _end - _position);
            var stop = span.IndexOfAny(_unquotedStops);
            if (stop < 0)
            {
                _field.Append(span);
                _position = _end;
                continue;
            }
            var text = span[..stop];
            var next = span[stop];
            _position += stop + 1;
            if (next == '\r')
            {
                _field.Append(text);
                if (Peek() != '\n') _field.Append('\r');
                continue;
            }
            _fields.Add(_field.Length == 0 ? new string(text) : _field.Append(text).ToString());
            if (next == '\n') _line++;
            return next;
        }
    }

    // A quoted section after its opening quote, up to and including its closing quote.
    private void ReadQuoted(int start)
    {
        while (true)
        {
            if (!Fill()) throw new InputException("a quoted field is not closed before the end of the file", file, start);
            var span = _buffer.AsSpan(_position, _end - _position);
            var stop = span.IndexOfAny(_quotedStops);
            if (stop < 0)
            {
                _field.Append(span);
                _position = _end;
                continue;
            }
            _field.Append(span[..stop]);
            _position += stop + 1;
            if (span[stop] == '\n')
            {
                _line++;
                _field.Append('\n');
            }
            else if (Peek() == quote)
            {
                _position++;
                _field.Append(quote.Value);
            }
            else return;
        }
    }

    private int Peek() => Fill() ? _buffer[_position] : -1;

    private bool Fill()
    {
        if (_position < _end) return true;
        try
        {
            _end = reader.Read(_buffer, 0, _buffer.Length);
        }
        catch (DecoderFallbackException error)
        {
            throw Utf8Check.Error(file, error);
        }
        _position = 0;
        return _end > 0;
    }
}
