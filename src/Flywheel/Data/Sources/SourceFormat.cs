namespace Flywheel.Data.Sources;

public enum SourceFormat
{
    Csv,
    Parquet,
}
