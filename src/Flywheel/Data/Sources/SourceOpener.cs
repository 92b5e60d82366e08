using System.Data.Common;
using DuckDB.NET.Data;

namespace Flywheel.Data.Sources;

/// <summary>The steps of opening a source: check the bytes, let DuckDB detect the dialect and types, load, and describe.</summary>
internal static class SourceOpener
{
    // A string column whose values are long and mostly distinct is free text, not a category.
    private const double TextMinAverageLength = 30;
    private const double TextMinDistinctRatio = 0.5;
    private const int KindSampleRows = 10_000;
    // Columns DuckDB typed from its sample but whose later values do not fit are re-read as text, at most this many times.
    private const int MaxTypeRetries = 64;

    public delegate DataSource Build(IReadOnlyList<SourceColumn> columns, CsvDialect? dialect, long rowCount, DuckDBConnection connection, string? tempDirectory, SqlTrace trace);

    public static DataSource Open(SourceSpec spec, SourceOptions options, IProgress<DataProgress>? progress, SqlTrace trace, Build build)
    {
        trace.Cancellation.ThrowIfCancellationRequested();
        progress?.Report(new DataProgress("checking the file", 0));
        FileSniffer.Check(spec.FilePath, spec.Format);

        var tempDirectory = options.TempDirectory ?? Path.Combine(Path.GetTempPath(), $"flywheel-duckdb-{Guid.NewGuid():N}");
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            Configure(connection, options, tempDirectory, trace);
            var dialect = spec.Format == SourceFormat.Csv ? Guard(spec, () => CsvDialectSniffer.Sniff(connection, spec.FilePath, trace)) : null;
            progress?.Report(new DataProgress("loading", 0.1));
            var read = CsvRead.Declared(spec.Csv);
            Load(connection, spec, Overrides(spec), read, options.Materialize, trace);

            // When rows disagree on their field count, DuckDB's sniffer gives up on the delimiter and reads one column.
            // Reading again with the delimiter the header uses makes the ragged row fail with its line number.
            var loaded = Guard(spec, () => Describe(connection, trace, $"SELECT * FROM {DataSource.Relation}"));
            if (loaded.Count == 1 && spec.Format == SourceFormat.Csv && read.Delimiter is null && CsvDialectSniffer.HeaderDelimiter(spec.FilePath) is { } delimiter)
            {
                read = read with { Delimiter = delimiter, Strict = true };
                try
                {
                    Describe(connection, trace, $"SELECT * FROM {Reader(spec, new Dictionary<string, string>(), read)}");
                }
                catch (DbException error)
                {
                    if (RaggedRowFinder.Find(spec.FilePath, delimiter[0]) is { } ragged)
                        throw new InputException($"a ragged row: it has {ragged.Found} fields where the header has {ragged.Expected}; check delimiters and quotes on that line", spec.FilePath, ragged.Line, inner: error);
                    throw DuckDbErrors.Translate(error, spec.FilePath);
                }
                Load(connection, spec, Overrides(spec), read, options.Materialize, trace);
                loaded = Guard(spec, () => Describe(connection, trace, $"SELECT * FROM {DataSource.Relation}"));
            }
            if (dialect is not null)
            {
                // A decimal comma or an NA token makes DuckDB read a numeric column as text; read it again knowing them.
                var text = loaded.Where(column => column.Type == "VARCHAR" && !spec.DeclaredKinds.ContainsKey(column.Name)).Select(column => column.Name).ToList();
                var refined = Guard(spec, () => CsvDialectSniffer.Refine(connection, text, read, read.Delimiter ?? dialect.Delimiter, trace));
                if (refined != read) Load(connection, spec, Overrides(spec), refined, options.Materialize, trace);
                dialect = refined.Over(dialect);
            }

            progress?.Report(new DataProgress("detecting column kinds", 0.9));
            var rowCount = Guard(spec, () => Convert.ToInt64(Execute(connection, trace, $"SELECT count(*) FROM {DataSource.Relation}"), System.Globalization.CultureInfo.InvariantCulture));
            if (rowCount == 0)
                throw new InputException("the file has a header but no data rows", spec.FilePath, 2);
            var columns = Guard(spec, () => Classify(connection, trace, spec, Describe(connection, trace, $"SELECT * FROM {DataSource.Relation}")));
            if (dialect is { HasHeader: false } && rowCount == 1)
                throw new InputException("the file has only one line (a header with no data rows?)", spec.FilePath, 1);
            CheckTarget(connection, trace, spec, columns);
            progress?.Report(new DataProgress("ready", 1));
            return build(columns, dialect, rowCount, connection, tempDirectory, trace);
        }
        catch
        {
            connection.Dispose();
            if (Directory.Exists(tempDirectory) && options.TempDirectory is null) Directory.Delete(tempDirectory, recursive: true);
            throw;
        }
    }

    private static void Configure(DuckDBConnection connection, SourceOptions options, string tempDirectory, SqlTrace trace)
    {
        Execute(connection, trace, $"SET temp_directory = {SqlText.Literal(tempDirectory)}");
        if (options.Threads is int threads) Execute(connection, trace, $"SET threads = {threads}");
        if (options.MemoryLimit is { } limit) Execute(connection, trace, $"SET memory_limit = {SqlText.Literal(limit)}");
    }

    private static Dictionary<string, string> Overrides(SourceSpec spec) =>
        spec.DeclaredKinds.ToDictionary(pair => pair.Key, pair => ColumnKinds.SqlTypeOf(pair.Value), StringComparer.Ordinal);

    /// <summary>The table function that reads the file, with type overrides for the named columns.</summary>
    private static string Reader(SourceSpec spec, IReadOnlyDictionary<string, string> overrides, CsvRead read)
    {
        var path = SqlText.Literal(spec.FilePath);
        if (spec.Format == SourceFormat.Parquet) return $"read_parquet({path})";
        // Without BOOLEAN: DuckDB would turn yes/no labels into true/false and the user's class names would be lost.
        var options = new List<string> { path, "auto_type_candidates = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR']" };
        options.AddRange(read.Arguments());
        if (overrides.Count > 0)
            options.Add("types = {" + string.Join(", ", overrides.Select(pair => $"{SqlText.Literal(pair.Key)}: {SqlText.Literal(pair.Value)}")) + "}");
        return $"read_csv({string.Join(", ", options)})";
    }

    private static string Select(SourceSpec spec, IReadOnlyDictionary<string, string> overrides, CsvRead read)
    {
        // Parquet carries its own types; declared kinds are casts on top of it.
        if (spec.Format == SourceFormat.Parquet && overrides.Count > 0)
        {
            var casts = string.Join(", ", overrides.Select(pair => $"TRY_CAST({SqlText.Identifier(pair.Key)} AS {pair.Value}) AS {SqlText.Identifier(pair.Key)}"));
            return $"SELECT * REPLACE ({casts}) FROM {Reader(spec, new Dictionary<string, string>(), read)}";
        }
        return $"SELECT * FROM {Reader(spec, overrides, read)}";
    }

    private static void Load(DuckDBConnection connection, SourceSpec spec, Dictionary<string, string> overrides, CsvRead read, bool materialize, SqlTrace trace)
    {
        // Parquet carries its schema, so a declared column it lacks is found before reading anything.
        if (spec.Format == SourceFormat.Parquet && spec.DeclaredKinds.Count > 0)
            CheckDeclaredColumns(spec, Guard(spec, () => Describe(connection, trace, $"SELECT * FROM {Reader(spec, new Dictionary<string, string>(), read)}")));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var select = Select(spec, overrides, read);
                Execute(connection, trace, materialize
                    ? $"CREATE OR REPLACE TABLE {DataSource.Relation} AS {select}"
                    : $"CREATE OR REPLACE VIEW {DataSource.Relation} AS {select}");
                if (!materialize) Execute(connection, trace, $"SELECT count(*) FROM {DataSource.Relation}");
                return;
            }
            catch (DbException error) when (attempt < MaxTypeRetries
                && DuckDbErrors.ConversionColumn(error.Message) is { } column
                && !spec.DeclaredKinds.ContainsKey(column)
                && !(overrides.TryGetValue(column, out var type) && type == "VARCHAR"))
            {
                // DuckDB guessed the type from a sample and a later row disagrees: keep the column as text,
                // so the value mix becomes a finding rather than a failure.
                overrides[column] = "VARCHAR";
            }
            catch (DbException error)
            {
                if (spec.DeclaredKinds.Count > 0)
                    CheckDeclaredColumns(spec, Guard(spec, () => Describe(connection, trace, $"SELECT * FROM {Reader(spec, new Dictionary<string, string>(), read)}")));
                throw DuckDbErrors.Translate(error, spec.FilePath);
            }
        }
    }

    private static List<(string Name, string Type)> Describe(DuckDBConnection connection, SqlTrace trace, string select)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE {select}";
        using var reader = trace.Run(command, command.ExecuteReader);
        var columns = new List<(string, string)>();
        while (reader.Read()) columns.Add((reader.GetString(0), reader.GetString(1)));
        return columns;
    }

    private static void CheckDeclaredColumns(SourceSpec spec, List<(string Name, string Type)> detected)
    {
        foreach (var declared in spec.DeclaredKinds.Keys)
        {
            if (!detected.Any(column => column.Name == declared))
                throw new InputException($"'data.schema' names the column '{declared}', which the file does not have{ColumnList.Describe(detected.Select(column => column.Name).ToList())}", spec.DescribedIn);
        }
    }

    /// <summary>
    /// Kinds from storage types, declared kinds first; string columns are split into categories, true/false flags
    /// (kept as the strings written, so labels survive) and free text on a sample.
    /// </summary>
    private static List<SourceColumn> Classify(DuckDBConnection connection, SqlTrace trace, SourceSpec spec, List<(string Name, string Type)> described)
    {
        var strings = described.Where(column => ColumnKinds.FromSqlType(column.Type) == ColumnKind.Categorical && !spec.DeclaredKinds.ContainsKey(column.Name)).ToList();
        var textual = new HashSet<string>(StringComparer.Ordinal);
        var logical = new HashSet<string>(StringComparer.Ordinal);
        if (strings.Count > 0)
        {
            var measures = string.Join(", ", strings.Select(column =>
            {
                var name = SqlText.Identifier(column.Name);
                return $"avg(length({name})), count(DISTINCT {name}) / greatest(count({name}), 1), bool_and(lower({name}) IN ('true', 'false'))";
            }));
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {measures} FROM (SELECT * FROM {DataSource.Relation} LIMIT {KindSampleRows})";
            using var reader = trace.Run(command, command.ExecuteReader);
            reader.Read();
            for (var i = 0; i < strings.Count; i++)
            {
                var averageLength = reader.IsDBNull(3 * i) ? 0 : Convert.ToDouble(reader.GetValue(3 * i), System.Globalization.CultureInfo.InvariantCulture);
                var distinctRatio = Convert.ToDouble(reader.GetValue(3 * i + 1), System.Globalization.CultureInfo.InvariantCulture);
                if (averageLength >= TextMinAverageLength && distinctRatio >= TextMinDistinctRatio) textual.Add(strings[i].Name);
                if (!reader.IsDBNull(3 * i + 2) && reader.GetBoolean(3 * i + 2)) logical.Add(strings[i].Name);
            }
        }
        return described.Select(column =>
        {
            var kind = spec.DeclaredKinds.TryGetValue(column.Name, out var declared) ? declared
                : textual.Contains(column.Name) ? ColumnKind.Text
                : logical.Contains(column.Name) ? ColumnKind.Boolean
                : ColumnKinds.FromSqlType(column.Type);
            return new SourceColumn(column.Name, kind, column.Type);
        }).ToList();
    }

    private static void CheckTarget(DuckDBConnection connection, SqlTrace trace, SourceSpec spec, List<SourceColumn> columns)
    {
        if (spec.Target is not { } target) return;
        var column = columns.FirstOrDefault(candidate => candidate.Name == target)
            ?? throw new InputException($"the target column '{target}' does not exist{ColumnList.Describe(columns.Select(candidate => candidate.Name).ToList())}", spec.DescribedIn);
        var present = Convert.ToInt64(Execute(connection, trace, $"SELECT count({column.Sql}) FROM {DataSource.Relation}"), System.Globalization.CultureInfo.InvariantCulture);
        if (present == 0)
            throw new InputException($"the target column '{target}' is empty in every row; there is nothing to learn from (label the data first)", spec.DescribedIn);
    }

    private static object? Execute(DuckDBConnection connection, SqlTrace trace, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return trace.Run(command, command.ExecuteScalar);
    }

    private static T Guard<T>(SourceSpec spec, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (DbException error)
        {
            throw DuckDbErrors.Translate(error, spec.FilePath);
        }
    }
}
