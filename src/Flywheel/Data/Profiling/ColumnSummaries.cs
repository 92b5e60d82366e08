using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>
/// The per-column aggregates that need one scan: counts, distinct counts and moments for numbers,
/// lengths for strings, ranges for dates — all columns in a single SELECT so DuckDB reads the data once.
/// </summary>
internal static class ColumnSummaries
{
    /// <param name="Distinct">An estimate until <see cref="DistinctIsExact"/>.</param>
    public sealed record Summary(SourceColumn Column, long Present, long Distinct, NumericSummary? Numbers, LengthSummary? Lengths, DateRange? Dates, double? EpochMin, double? EpochMax, long? NumericLike, bool DistinctIsExact = false);

    // Columns whose estimated distinct count reaches this share of present values may be identifiers: count them exactly.
    private const double NearUniqueShare = 0.9;

    public static List<Summary> Compute(DataSource source)
    {
        var summaries = Estimate(source);
        var nearUnique = summaries.Where(summary => summary.Present > 0 && summary.Distinct >= NearUniqueShare * summary.Present).Select(summary => summary.Column).ToList();
        var exact = ExactDistinct(source, nearUnique);
        return summaries.Select(summary => exact.TryGetValue(summary.Column.Name, out var count) ? summary with { Distinct = count, DistinctIsExact = true } : summary).ToList();
    }

    private static List<Summary> Estimate(DataSource source)
    {
        var expressions = new List<string>();
        var offsets = new List<int>();
        var casts = new List<string>();
        foreach (var column in source.Columns)
        {
            offsets.Add(expressions.Count);
            // Numbers are cast to DOUBLE once per row in the inner SELECT rather than once per aggregate.
            var number = column.Kind == ColumnKind.Numeric ? $"__x{casts.Count}" : null;
            if (number is not null) casts.Add($"{Number(column)} AS {number}");
            expressions.AddRange(Expressions(column, number));
        }
        var from = casts.Count == 0 ? DataSource.Relation : $"(SELECT *, {string.Join(", ", casts)} FROM {DataSource.Relation})";
        return source.Query($"SELECT {string.Join(", ", expressions)} FROM {from}", reader =>
            source.Columns.Select((column, index) => Read(column, reader, offsets[index])).ToList()).Single();
    }

    /// <summary>Exact distinct counts for the given columns, in one scan.</summary>
    public static Dictionary<string, long> ExactDistinct(DataSource source, IReadOnlyList<SourceColumn> columns)
    {
        if (columns.Count == 0) return [];
        return source.Query($"SELECT {string.Join(", ", columns.Select(column => $"count(DISTINCT {column.Sql})"))} FROM {DataSource.Relation}", reader =>
            columns.Select((column, i) => (column.Name, Count: SqlValues.Long(reader, i))).ToDictionary(pair => pair.Name, pair => pair.Count)).Single();
    }

    /// <summary>How many present values of each string column parse as numbers, in one scan.</summary>
    public static Dictionary<string, long> NumericLike(DataSource source, IReadOnlyList<SourceColumn> columns)
    {
        if (columns.Count == 0) return [];
        return source.Query($"SELECT {string.Join(", ", columns.Select(column => $"count(TRY_CAST({Text(column)} AS DOUBLE))"))} FROM {DataSource.Relation}", reader =>
            columns.Select((column, i) => (column.Name, Count: SqlValues.Long(reader, i))).ToDictionary(pair => pair.Name, pair => pair.Count)).Single();
    }

    /// <summary>The column as a number, for numeric kinds (DuckDB types vary: integers, decimals, doubles).</summary>
    public static string Number(SourceColumn column) => $"CAST({column.Sql} AS DOUBLE)";

    public static string Text(SourceColumn column) => $"CAST({column.Sql} AS VARCHAR)";

    private static IEnumerable<string> Expressions(SourceColumn column, string? number)
    {
        var name = column.Sql;
        yield return $"count({name})";
        // HyperLogLog: exact distinct counts cost a hash table per column; exact figures are filled in later where they matter.
        yield return $"approx_count_distinct({name})";
        switch (column.Kind)
        {
            case ColumnKind.Numeric:
                var x = number!;
                yield return $"min({x})";
                yield return $"max({x})";
                yield return $"avg({x})";
                yield return $"stddev_samp({x})";
                // Integer storage needs no check; doubles may still hold only whole numbers.
                yield return ColumnKinds.IsIntegerType(column.SqlType) ? "true" : $"bool_and({x} = round({x}))";
                break;
            case ColumnKind.Categorical or ColumnKind.Text:
                var text = Text(column);
                yield return $"min(length({text}))";
                yield return $"max(length({text}))";
                yield return $"avg(length({text}))";
                break;
            case ColumnKind.Date:
                yield return $"CAST(min({name}) AS VARCHAR)";
                yield return $"CAST(max({name}) AS VARCHAR)";
                yield return $"min(epoch({name}))";
                yield return $"max(epoch({name}))";
                break;
        }
    }

    private static Summary Read(SourceColumn column, System.Data.Common.DbDataReader reader, int at)
    {
        var present = SqlValues.Long(reader, at);
        var distinct = SqlValues.Long(reader, at + 1);
        var summary = new Summary(column, present, present == 0 ? 0 : Math.Max(1, distinct), null, null, null, null, null, null, present == 0);
        if (present == 0) return summary;
        switch (column.Kind)
        {
            case ColumnKind.Numeric:
                var isInteger = !reader.IsDBNull(at + 6) && reader.GetBoolean(at + 6);
                return summary with
                {
                    Numbers = new NumericSummary(
                        SqlValues.Double(reader, at + 2)!.Value, SqlValues.Double(reader, at + 3)!.Value, SqlValues.Double(reader, at + 4)!.Value,
                        // Quartiles come from ExactQuantiles, which needs the range first.
                        SqlValues.Double(reader, at + 5), double.NaN, double.NaN, double.NaN,
                        isInteger, 0, 0, 0),
                };
            case ColumnKind.Categorical or ColumnKind.Text:
                return summary with
                {
                    Lengths = new LengthSummary(SqlValues.Long(reader, at + 2), SqlValues.Long(reader, at + 3), SqlValues.Double(reader, at + 4) ?? 0),
                };
            case ColumnKind.Date:
                return summary with
                {
                    Dates = new DateRange(SqlValues.Text(reader, at + 2)!, SqlValues.Text(reader, at + 3)!),
                    EpochMin = SqlValues.Double(reader, at + 4),
                    EpochMax = SqlValues.Double(reader, at + 5),
                };
            default:
                return summary;
        }
    }
}
