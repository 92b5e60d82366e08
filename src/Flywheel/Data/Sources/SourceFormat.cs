namespace Flywheel.Data.Sources;

public enum SourceFormat
{
    Csv,
    Parquet,
}

/// <summary>How a CSV file was read: what DuckDB's sniffer found, or what the user declared.</summary>
public sealed record CsvDialect(string Delimiter, string Quote, string Escape, bool HasHeader);
