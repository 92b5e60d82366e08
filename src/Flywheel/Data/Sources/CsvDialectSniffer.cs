using System.Data.Common;
using DuckDB.NET.Data;
using Flywheel.UseCases;

namespace Flywheel.Data.Sources;

/// <summary>
/// The arguments handed to DuckDB's <c>read_csv</c> beyond its own detection: what <c>data.csv</c> declares, the
/// delimiter a ragged file is re-read with, and the decimal separator and missing-value tokens found in the values.
/// </summary>
internal sealed record CsvRead(string? Delimiter = null, string? Quote = null, bool? Header = null, string? Decimal = null, IReadOnlyList<string>? Missing = null, bool Strict = false)
{
    public static CsvRead Declared(CsvSection csv) => new(csv.Delimiter, csv.Quote, csv.Header, csv.Decimal, csv.Missing is { } missing ? [.. missing.Prepend("").Distinct()] : null);

    public IEnumerable<string> Arguments()
    {
        if (Delimiter is not null) yield return $"delim = {SqlText.Literal(Delimiter)}";
        if (Strict) yield return "strict_mode = true, null_padding = false";
        if (Quote is not null) yield return $"quote = {SqlText.Literal(Quote)}";
        if (Header is { } header) yield return $"header = {(header ? "true" : "false")}";
        if (Decimal is not null) yield return $"decimal_separator = {SqlText.Literal(Decimal)}";
        if (Missing is not null) yield return $"nullstr = [{string.Join(", ", Missing.Select(SqlText.Literal))}]";
    }

    /// <summary>The dialect the file was read with: these arguments where given, DuckDB's sniffer elsewhere.</summary>
    public CsvDialect Over(CsvDialect sniffed) =>
        new(Delimiter ?? sniffed.Delimiter, Quote ?? sniffed.Quote, sniffed.Escape, Header ?? sniffed.HasHeader)
        {
            Decimal = Decimal ?? ".",
            Missing = Missing ?? [""],
        };
}

/// <summary>
/// Finds how a CSV is written: DuckDB's <c>sniff_csv</c> for delimiter, quote, escape and header, then two things
/// DuckDB does not detect, read off the text columns it loaded — a decimal comma (in a file not delimited by commas)
/// and missing-value tokens such as <c>NA</c> in a column that is numeric apart from them.
/// </summary>
internal static class CsvDialectSniffer
{
    /// <summary>Spellings of "missing" that make an otherwise numeric column text.</summary>
    public static IReadOnlyList<string> MissingTokens { get; } = ["NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "#N/A", "?", "-"];

    public static CsvDialect Sniff(DuckDBConnection connection, string path, SqlTrace trace)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Delimiter, Quote, Escape, HasHeader FROM sniff_csv({SqlText.Literal(path)})";
        using var reader = trace.Run(command, command.ExecuteReader);
        reader.Read();
        static string Character(DbDataReader reader, int index) =>
            reader.IsDBNull(index) || reader.GetString(index) == "(empty)" ? "" : reader.GetString(index);
        return new CsvDialect(Character(reader, 0), Character(reader, 1), Character(reader, 2), reader.GetBoolean(3));
    }

    /// <summary>The delimiter that occurs most often in the header line, for re-reading a ragged file strictly.</summary>
    public static string? HeaderDelimiter(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        var header = reader.ReadLine() ?? "";
        return new[] { ",", ";", "\t", "|" }
            .Select(candidate => (Delimiter: candidate, Count: header.Count(c => c == candidate[0])))
            .Where(candidate => candidate.Count > 0)
            .OrderByDescending(candidate => candidate.Count)
            .Select(candidate => candidate.Delimiter)
            .FirstOrDefault();
    }

    /// <summary>
    /// <paramref name="read"/> with the decimal separator and missing tokens found in the loaded text columns, for
    /// whichever of the two <c>data.csv</c> does not declare; the same arguments when nothing is found.
    /// </summary>
    public static CsvRead Refine(DuckDBConnection connection, IReadOnlyList<string> textColumns, CsvRead read, string delimiter, SqlTrace trace)
    {
        if (textColumns.Count == 0 || (read.Decimal is not null && read.Missing is not null)) return read;
        var tokens = string.Join(", ", MissingTokens.Select(SqlText.Literal));
        var commaAllowed = delimiter != ",";
        var measures = string.Join(", ", textColumns.Select(name =>
        {
            var c = SqlText.Identifier(name);
            return $"""
                count(*) FILTER (WHERE {c} IN ({tokens})),
                coalesce(bool_and({c} IN ({tokens}) OR TRY_CAST({c} AS DOUBLE) IS NOT NULL), false),
                coalesce(bool_and({c} IN ({tokens}) OR regexp_full_match(trim({c}), '[-+]?[0-9]*,?[0-9]+')) AND bool_or(contains({c}, ',')), false),
                string_agg(DISTINCT {c}, chr(1)) FILTER (WHERE {c} IN ({tokens}))
                """;
        }));
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {measures} FROM {DataSource.Relation}";
        using var reader = trace.Run(command, command.ExecuteReader);
        reader.Read();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var comma = false;
        for (var i = 0; i < textColumns.Count; i++)
        {
            var hits = Convert.ToInt64(reader.GetValue(4 * i), System.Globalization.CultureInfo.InvariantCulture);
            var numeric = reader.GetBoolean(4 * i + 1);
            var commaNumeric = commaAllowed && reader.GetBoolean(4 * i + 2);
            comma |= commaNumeric;
            if (hits > 0 && (numeric || commaNumeric)) found.UnionWith(reader.GetString(4 * i + 3).Split('\u0001'));
        }
        return read with
        {
            Decimal = read.Decimal ?? (comma && (read.Delimiter ?? delimiter) != "," ? "," : null),
            Missing = read.Missing ?? (found.Count > 0 ? [.. found.Prepend("")] : null),
        };
    }
}
