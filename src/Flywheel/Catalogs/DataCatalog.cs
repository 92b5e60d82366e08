using Flywheel.Data.Diagnosis;
using Flywheel.Data.Preprocessing;
using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Flywheel.Tasks;
using Microsoft.Extensions.Logging;

namespace Flywheel.Catalogs;

/// <summary>The Data stage: read a CSV or Parquet file (or a use-case folder's data), profile, diagnose and split it.</summary>
public sealed class DataCatalog
{
    private readonly FlywheelOptions _options;

    internal DataCatalog(FlywheelOptions options) => _options = options;

    private SourceOptions Sources => new() { Logger = _options.LoggerFactory.CreateLogger("Flywheel.Data") };

    /// <summary>The whole file in memory, column by column (numbers as doubles, everything else as text).</summary>
    public ColumnTable Load(string path, string? target = null, CancellationToken cancellation = default) =>
        ColumnTableReader.Read(SourceSpec.Resolve(path, target), null, Sources, cancellation);

    /// <summary>Opens the file in DuckDB for SQL (dispose it); the token interrupts its queries for as long as it is open.</summary>
    public DataSource Open(string path, string? target = null, CancellationToken cancellation = default) =>
        DataSource.Open(path, target, Sources, null, cancellation);

    public DataProfile Profile(string path, string? target = null, ProfileOptions? options = null, CancellationToken cancellation = default) =>
        DataAnalysis.Profile(path, target, options, null, Sources, cancellation);

    /// <summary>The profile and what it says: findings ranked by severity, each with its evidence and a fix.</summary>
    public (DataProfile Profile, DiagnosisReport Report) Diagnose(string path, string? target = null, DiagnosisOptions? options = null, CancellationToken cancellation = default) =>
        DataAnalysis.Diagnose(path, target, options, null, Sources, cancellation);

    /// <summary>Assigns each row to train, validation or test, as training will (stratified for a class target, seeded).</summary>
    public SplitSummary Split(string path, string? target = null, int? seed = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var input = SplitRun.Open(path, target);
        var classification = input.Task()?.IsClassification() == true;
        return SplitRun.Assign(input, new SplitOverrides(seed ?? _options.Seed), classification);
    }
}
