namespace Flywheel.UseCases;

/// <summary>
/// <c>data.csv</c>: how the CSV is written, where the sniffer should not guess. Every key is optional; what is left
/// out is detected (delimiter, quote, header by DuckDB's sniffer; decimal comma and missing-value tokens such as
/// <c>NA</c> from the values).
/// </summary>
public sealed record CsvSection(string? Delimiter, string? Quote, string? Decimal, IReadOnlyList<string>? Missing, bool? Header)
{
    public static CsvSection None { get; } = new(null, null, null, null, null);
}

internal static class CsvSectionReader
{
    public static CsvSection Read(MappingReader? section)
    {
        if (section is null) return CsvSection.None;
        var delimiter = section.String("delimiter");
        if (delimiter is { Value.Length: not 1 } && delimiter.Value != "\\t")
            throw delimiter.Position.Error($"'data.csv.delimiter' is one character such as ',', ';', '|' or '\\t', not '{delimiter.Value}'");
        var quote = section.String("quote");
        if (quote is { Value.Length: > 1 })
            throw quote.Position.Error($"'data.csv.quote' is one character (or empty for none), not '{quote.Value}'");
        var decimalSeparator = section.String("decimal");
        if (decimalSeparator is { Value: not ("." or ",") })
            throw decimalSeparator.Position.Error($"'data.csv.decimal' is '.' or ',', not '{decimalSeparator.Value}'");
        var separator = delimiter?.Value == "\\t" ? "\t" : delimiter?.Value;
        if (decimalSeparator?.Value == "," && (separator ?? ",") == ",")
            throw decimalSeparator.Position.Error("'data.csv.decimal: \",\"' needs another delimiter, such as 'delimiter: \";\"'");
        var missing = section.Node("missing") is null ? null : section.StringList("missing").Select(token => token.Value).ToList();
        var header = section.Boolean("header");
        section.RejectUnknownKeys();
        return new CsvSection(separator, quote?.Value, decimalSeparator?.Value, missing, header);
    }
}
