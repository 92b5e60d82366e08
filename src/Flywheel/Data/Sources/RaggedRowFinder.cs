namespace Flywheel.Data.Sources;

/// <summary>
/// Finds the first record whose field count differs from the header's, counting physical lines and honouring
/// double quotes. Only used to explain a file DuckDB could not parse, so it favours clarity over speed.
/// </summary>
internal static class RaggedRowFinder
{
    public sealed record RaggedRow(int Line, int Expected, int Found);

    public static RaggedRow? Find(string path, char delimiter)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        int? expected = null;
        var line = 0;
        var recordStart = 1;
        var fields = 1;
        var quoted = false;
        while (reader.ReadLine() is { } text)
        {
            line++;
            foreach (var character in text)
            {
                if (character == '"') quoted = !quoted;
                else if (character == delimiter && !quoted) fields++;
            }
            if (quoted) continue; // a quoted field runs on to the next line
            if (text.Length > 0 || fields > 1)
            {
                expected ??= fields;
                if (fields != expected) return new RaggedRow(recordStart, expected.Value, fields);
            }
            fields = 1;
            recordStart = line + 1;
        }
        return null;
    }
}
