using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Flywheel.Data.Sources;

namespace Flywheel.Workflows.Baselines;

/// <summary>
/// Model Monitor's baseline of a table, computed with DuckDB: <c>statistics.json</c> (item count; per feature
/// <c>inferred_type</c> Integral / Fractional / String, <c>num_present</c>, <c>num_missing</c>, numeric
/// mean / sum / std_dev (population) / min / max and a 10-bucket equal-width distribution, string
/// <c>distinct_count</c> and categorical buckets) and <c>constraints.json</c> (per feature <c>inferred_type</c>,
/// <c>completeness</c>, numeric <c>is_non_negative</c>, string <c>domains</c>, and <c>monitoring_config</c> with the
/// anchors' defaults). The same table is also written as Parquet (the drift tests' reference sample).
/// </summary>
public static class ModelMonitorBaseline
{
    public sealed record Files(byte[] Statistics, byte[] Constraints);

    public static Files Compute(IReadOnlyList<BaselineColumn> columns, IReadOnlyDictionary<string, double> thresholds)
    {
        using var connection = Open();
        Load(connection, "train", columns, null);
        var rows = columns.Count == 0 ? 0 : columns[0].Count;
        var features = columns.Select(column => column.IsNumeric ? Numeric(connection, column.Name) : Text(connection, column.Name)).ToList();
        return new Files(Statistics(rows, features), Constraints(features, thresholds));
    }

    /// <summary>The given rows of the columns (all, in order, when null) as a Parquet file's bytes.</summary>
    public static byte[] Parquet(IReadOnlyList<BaselineColumn> columns, IReadOnlyList<int>? rows)
    {
        using var connection = Open();
        Load(connection, "reference", columns, rows);
        var path = Path.Combine(Path.GetTempPath(), $"flywheel-reference-{Guid.NewGuid():N}.parquet");
        try
        {
            Execute(connection, $"COPY reference TO {SqlText.Literal(path)} (FORMAT parquet)");
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal sealed record Feature(string Name, string Type, long Present, long Missing, NumericStats? Numbers, TextStats? Texts);
    internal sealed record NumericStats(double Mean, double Sum, double StdDev, double Min, double Max, bool NonNegative, IReadOnlyList<(double Lower, double Upper, long Count)> Buckets);
    internal sealed record TextStats(long Distinct, IReadOnlyList<(string Value, long Count)> Buckets);

    private static Feature Numeric(DuckDBConnection connection, string name)
    {
        var c = SqlText.Identifier(name);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count({c}), count(*) - count({c}), avg({c}), sum({c}), stddev_pop({c}), min({c}), max({c}), coalesce(bool_and({c} = floor({c})), true), coalesce(bool_and({c} >= 0), true) FROM train";
        using var reader = command.ExecuteReader();
        reader.Read();
        var present = reader.GetInt64(0);
        var missing = reader.GetInt64(1);
        if (present == 0) return new Feature(name, "Fractional", 0, missing, null, null);
        var (mean, sum, std, min, max) = (reader.GetDouble(2), reader.GetDouble(3), reader.IsDBNull(4) ? 0 : reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6));
        var integral = reader.GetBoolean(7);
        var nonNegative = reader.GetBoolean(8);
        var width = (max - min) / BaselineFiles.Buckets;
        var counts = new long[BaselineFiles.Buckets];
        using (var histogram = connection.CreateCommand())
        {
            histogram.CommandText = width > 0
                ? $"SELECT least(floor(({c} - {Number(min)}) / {Number(width)})::BIGINT, {BaselineFiles.Buckets - 1}), count(*) FROM train WHERE {c} IS NOT NULL GROUP BY 1" // by position: an alias could name a data column
                : $"SELECT 0, count({c}) FROM train";
            using var buckets = histogram.ExecuteReader();
            while (buckets.Read()) counts[(int)buckets.GetInt64(0)] += buckets.GetInt64(1);
        }
        var ranges = Enumerable.Range(0, BaselineFiles.Buckets)
            .Select(b => (min + b * width, b == BaselineFiles.Buckets - 1 ? max : min + (b + 1) * width, counts[b])).ToList();
        return new Feature(name, integral ? "Integral" : "Fractional", present, missing, new NumericStats(mean, sum, std, min, max, nonNegative, ranges), null);
    }

    private static Feature Text(DuckDBConnection connection, string name)
    {
        var c = SqlText.Identifier(name);
        long present, missing, distinct;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT count({c}), count(*) - count({c}), count(DISTINCT {c}) FROM train";
            using var reader = command.ExecuteReader();
            reader.Read();
            (present, missing, distinct) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        var buckets = new List<(string, long)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {c}, count(*) AS n FROM train WHERE {c} IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT {BaselineFiles.MaxDomain + 1}";
            using var reader = command.ExecuteReader();
            while (reader.Read()) buckets.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return new Feature(name, "String", present, missing, null, new TextStats(distinct, buckets));
    }

    private static byte[] Statistics(long rows, IReadOnlyList<Feature> features) => Json(writer =>
    {
        writer.WriteNumber("version", 0.0);
        writer.WriteStartObject("dataset");
        writer.WriteNumber("item_count", rows);
        writer.WriteEndObject();
        writer.WriteStartArray("features");
        foreach (var feature in features)
        {
            writer.WriteStartObject();
            writer.WriteString("name", feature.Name);
            writer.WriteString("inferred_type", feature.Type);
            if (feature.Texts is { } texts)
            {
                writer.WriteStartObject("string_statistics");
                Common(writer, feature);
                writer.WriteNumber("distinct_count", texts.Distinct);
                writer.WriteStartObject("distribution");
                writer.WriteStartObject("categorical");
                writer.WriteStartArray("buckets");
                foreach (var (value, count) in texts.Buckets.Take(BaselineFiles.MaxDomain))
                {
                    writer.WriteStartObject();
                    writer.WriteString("value", value);
                    writer.WriteNumber("count", count);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("numerical_statistics");
                Common(writer, feature);
                if (feature.Numbers is { } n)
                {
                    writer.WriteNumber("mean", n.Mean);
                    writer.WriteNumber("sum", n.Sum);
                    writer.WriteNumber("std_dev", n.StdDev);
                    writer.WriteNumber("min", n.Min);
                    writer.WriteNumber("max", n.Max);
                    writer.WriteStartObject("distribution");
                    writer.WriteStartObject("kll");
                    writer.WriteStartArray("buckets");
                    foreach (var (lower, upper, count) in n.Buckets)
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("lower_bound", lower);
                        writer.WriteNumber("upper_bound", upper);
                        writer.WriteNumber("count", count);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    private static void Common(Utf8JsonWriter writer, Feature feature)
    {
        writer.WriteStartObject("common");
        writer.WriteNumber("num_present", feature.Present);
        writer.WriteNumber("num_missing", feature.Missing);
        writer.WriteEndObject();
    }

    private static byte[] Constraints(IReadOnlyList<Feature> features, IReadOnlyDictionary<string, double> thresholds) => Json(writer =>
    {
        writer.WriteNumber("version", 0.0);
        writer.WriteStartArray("features");
        foreach (var feature in features)
        {
            writer.WriteStartObject();
            writer.WriteString("name", feature.Name);
            writer.WriteString("inferred_type", feature.Type);
            var total = feature.Present + feature.Missing;
            writer.WriteNumber("completeness", total == 0 ? 1.0 : (double)feature.Present / total);
            if (feature.Numbers is { } numbers)
            {
                writer.WriteStartObject("num_constraints");
                writer.WriteBoolean("is_non_negative", numbers.NonNegative);
                writer.WriteEndObject();
            }
            if (feature.Texts is { } texts && texts.Distinct <= BaselineFiles.MaxDomain)
            {
                writer.WriteStartObject("string_constraints");
                writer.WriteStartArray("domains");
                foreach (var value in texts.Buckets.Select(b => b.Value).Order(StringComparer.Ordinal)) writer.WriteStringValue(value);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("monitoring_config");
        writer.WriteString("evaluate_constraints", "Enabled");
        writer.WriteString("emit_metrics", "Enabled");
        writer.WriteNumber("datatype_check_threshold", thresholds.GetValueOrDefault("datatype_check_threshold", 0.1));
        writer.WriteNumber("domain_content_threshold", thresholds.GetValueOrDefault("domain_content_threshold", 0.1));
        writer.WriteStartObject("distribution_constraints");
        writer.WriteString("perform_comparison", "Enabled");
        writer.WriteNumber("comparison_threshold", thresholds.GetValueOrDefault("comparison_threshold", 0.1));
        writer.WriteString("comparison_method", "Robust");
        writer.WriteString("categorical_comparison_threshold", "0.1");
        writer.WriteString("categorical_drift_method", "LInfinity");
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void Load(DuckDBConnection connection, string table, IReadOnlyList<BaselineColumn> columns, IReadOnlyList<int>? rows)
    {
        var definition = columns.Count == 0 ? "\"_empty\" INTEGER"
            : string.Join(", ", columns.Select(column => $"{SqlText.Identifier(column.Name)} {(column.IsNumeric ? "DOUBLE" : "VARCHAR")}"));
        Execute(connection, $"CREATE TABLE {table} ({definition})");
        if (columns.Count == 0) return;
        var count = rows?.Count ?? columns[0].Count;
        using var appender = connection.CreateAppender(table);
        for (var k = 0; k < count; k++)
        {
            var r = rows?[k] ?? k;
            var row = appender.CreateRow();
            foreach (var column in columns)
            {
                if (column.Numbers is { } numbers)
                {
                    if (double.IsNaN(numbers[r])) row.AppendNullValue();
                    else row.AppendValue(numbers[r]);
                }
                else if (column.Texts![r] is { } text) row.AppendValue(text);
                else row.AppendNullValue();
            }
            row.EndRow();
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "SET threads = 1");
        return connection;
    }
}
