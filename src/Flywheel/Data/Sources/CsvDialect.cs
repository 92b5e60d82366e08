using System.Globalization;

namespace Flywheel.Data.Sources;

/// <summary>
/// How a CSV file was read — what DuckDB's sniffer found, refined by <see cref="CsvDialectSniffer"/> and overridden
/// by <c>data.csv</c>: delimiter, quote and escape characters (empty: none), whether the first line is a header, the
/// decimal separator, the tokens that mean missing, and the encoding. Training records it in the model package, and
/// scoring reads its input the same way, so a file that trained also predicts.
/// </summary>
public sealed record CsvDialect(string Delimiter, string Quote, string Escape, bool HasHeader)
{
    /// <summary>"." or ",".</summary>
    public string Decimal { get; init; } = ".";

    /// <summary>Field values read as missing, compared after trimming; the empty field always is.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [""];

    /// <summary>Always UTF-8 (with or without a byte order mark): other encodings are refused when the file is opened.</summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>What a package written before dialects were recorded reads: RFC 4180 with commas, empty = missing.</summary>
    public static CsvDialect Legacy { get; } = new(",", "\"", "\"", true);

    public bool IsMissing(string field) => IsMissing(field.AsSpan());

    /// <summary>The same test on a field still inside its line (the monitoring decoder reads fields without a string each).</summary>
    public bool IsMissing(ReadOnlySpan<char> field)
    {
        var text = field.Trim();
        // By index: a foreach over the interface allocates an enumerator, once per field of a million-row window.
        var missing = Missing;
        for (var i = 0; i < missing.Count; i++)
            if (text.SequenceEqual(missing[i])) return true;
        return false;
    }

    /// <summary>Parses a number as DuckDB did at training: invariant digits, this dialect's decimal separator.</summary>
    public bool TryNumber(string field, out double value) => TryNumber(field.AsSpan(), out value);

    public bool TryNumber(ReadOnlySpan<char> field, out double value) =>
        double.TryParse(field.Trim(), NumberStyles.Float, Decimal == "," ? CommaDecimal : CultureInfo.InvariantCulture, out value);

    /// <summary>The names DuckDB gives the columns of a file without a header line.</summary>
    public static IReadOnlyList<string> HeaderlessNames(int count) =>
        Enumerable.Range(0, count).Select(i => $"column{i}").ToList();

    private static readonly NumberFormatInfo CommaDecimal = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00a0" };
}
