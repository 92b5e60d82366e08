using Flywheel.UseCases;
using System.Data.Common;
using DuckDB.NET.Data;
using Flywheel.Telemetry;
using Microsoft.Extensions.Logging;

namespace Flywheel.Data.Sources;

/// <summary>
/// An opened data file: an in-process DuckDB connection in which the data is the relation <see cref="Relation"/>,
/// its columns with their kinds, and the target. Query it with SQL (<see cref="Command"/>, <see cref="Scalar{T}"/>)
/// or stream its rows (<see cref="ReadRows"/>). Reader errors surface as <see cref="InputException"/>.
/// </summary>
public sealed class DataSource : IDisposable
{
    /// <summary>The name of the table (or view) that holds the data.</summary>
    public const string Relation = "source";

    private readonly string? _tempDirectory;
    private readonly SqlTrace _trace;

    private DataSource(SourceSpec spec, DuckDBConnection connection, IReadOnlyList<SourceColumn> columns, CsvDialect? dialect, long rowCount, string? tempDirectory, SqlTrace trace)
    {
        _trace = trace;
        Spec = spec;
        Connection = connection;
        Columns = columns;
        Dialect = dialect;
        RowCount = rowCount;
        _tempDirectory = tempDirectory;
    }

    public SourceSpec Spec { get; }
    public string FilePath => Spec.FilePath;
    public DuckDBConnection Connection { get; }
    public IReadOnlyList<SourceColumn> Columns { get; }

    /// <summary>The CSV dialect found by DuckDB's sniffer; null for Parquet.</summary>
    public CsvDialect? Dialect { get; }

    public long RowCount { get; }

    /// <summary>The token given at <see cref="Open(SourceSpec, SourceOptions?, IProgress{DataProgress}?, CancellationToken)"/>: it interrupts every query on this source.</summary>
    public CancellationToken Cancellation => _trace.Cancellation;

    /// <summary>The logger of <see cref="SourceOptions.Logger"/>, for the stages that work on this source.</summary>
    public ILogger Logger => _trace.Logger;

    /// <summary>The target column, when one was named (on the command line or in the use case).</summary>
    public SourceColumn? Target => Spec.Target is null ? null : Column(Spec.Target);

    /// <summary>Every column but the target.</summary>
    public IEnumerable<SourceColumn> Features => Columns.Where(column => column.Name != Spec.Target);

    /// <summary>Opens a data file, a use-case folder or a flywheel.yaml.</summary>
    public static DataSource Open(string fileOrDirectory, string? target = null, SourceOptions? options = null, IProgress<DataProgress>? progress = null, CancellationToken cancellation = default, UseCaseOptions? useCase = null) =>
        Open(SourceSpec.Resolve(fileOrDirectory, target, useCase), options, progress, cancellation);

    /// <summary>Opens a source; <paramref name="cancellation"/> stays bound to it and interrupts any of its queries.</summary>
    public static DataSource Open(SourceSpec spec, SourceOptions? options = null, IProgress<DataProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= SourceOptions.Default;
        using var activity = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Load, "flywheel.file", spec.FilePath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var source = SourceOpener.Open(spec, options, progress, new SqlTrace(options.Logger, cancellation),
                (columns, dialect, rows, connection, temp, trace) => new DataSource(spec, connection, columns, dialect, rows, temp, trace));
            activity?.SetTag("flywheel.rows", source.RowCount);
            activity?.SetTag("flywheel.columns", source.Columns.Count);
            FlywheelTelemetry.RowsLoaded.Add(source.RowCount);
            options.Logger.LogInformation("loaded {Rows} rows × {Columns} columns from {File} in {Seconds:0.00} s",
                source.RowCount, source.Columns.Count, spec.FilePath, clock.Elapsed.TotalSeconds);
            return source;
        }
        catch (Exception error)
        {
            FlywheelTelemetry.Fail(activity, error);
            throw;
        }
    }

    /// <summary>The column called <paramref name="name"/>, or an InputException listing the columns there are.</summary>
    public SourceColumn Column(string name) =>
        Columns.FirstOrDefault(column => column.Name == name)
        ?? throw new InputException($"there is no column '{name}'{ColumnList.Describe(Columns.Select(column => column.Name).ToList())}", Spec.DescribedIn);

    public bool HasColumn(string name) => Columns.Any(column => column.Name == name);

    public DuckDBCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Runs a query and returns its first value (null for SQL NULL), translating reader errors.</summary>
    public T? Scalar<T>(string sql)
    {
        using var command = Command(sql);
        var value = Guard(() => _trace.Run(command, command.ExecuteScalar));
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query and hands each row to <paramref name="read"/>, translating reader errors.</summary>
    public List<T> Query<T>(string sql, Func<DbDataReader, T> read)
    {
        using var command = Command(sql);
        return Guard(() => _trace.Run(command, () =>
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(read(reader));
            return rows;
        }));
    }

    /// <summary>Streams rows of the source (all columns, or those named) in file order; SQL NULL becomes null.</summary>
    public IEnumerable<object?[]> ReadRows(IReadOnlyList<string>? columns = null)
    {
        var selected = (columns ?? Columns.Select(column => column.Name).ToList()).Select(name => Column(name).Sql);
        using var command = Command($"SELECT {string.Join(", ", selected)} FROM {Relation}");
        using var registration = _trace.Bind(command);
        using var reader = Guard(() => _trace.Run(command, command.ExecuteReader));
        while (Guard(() => Read(reader)))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            yield return row;
        }
    }

    private bool Read(DbDataReader reader)
    {
        Cancellation.ThrowIfCancellationRequested();
        try
        {
            return reader.Read();
        }
        catch (DbException error)
        {
            throw _trace.Cancelled(error);
        }
    }

    /// <summary>Runs DuckDB work, turning its errors (ragged rows, bad bytes, a vanished file) into InputExceptions.</summary>
    public T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (DbException error)
        {
            throw DuckDbErrors.Translate(error, FilePath);
        }
    }

    public void Dispose()
    {
        Connection.Dispose();
        if (_tempDirectory is not null && Directory.Exists(_tempDirectory))
        {
            try { Directory.Delete(_tempDirectory, recursive: true); }
            catch (IOException) { /* a spill file still held open; the OS temp cleaner will take it */ }
        }
    }
}
