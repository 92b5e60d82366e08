using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>
/// The per-column aggregates that need one scan: counts, distinct counts, moments and quantiles for numbers,
/// lengths for strings, ranges for dates — all columns in a single SELECT so DuckDB reads the data once.
/// </summary>
internal static class ColumnSummaries
{
    public sealed record Summary(SourceColumn Column, long Present, long Distinct, NumericSummary? Numbers, LengthSummary? Lengths, DateRange? Dates, double? EpochMin, double? EpochMax, long? NumericLike);

    public static List<Summary> Compute(DataSource source)
    {
        var expressions = new List<string>();
        var offsets = new List<int>();
        foreach (var column in source.Columns)
        {
            offsets.Add(expressions.Count);
            expressions.AddRange(Expressions(column));
        }
        return source.Query($"SELECT {string.Join(", ", expressions)} FROM {DataSource.Relation}", reader =>
            source.Columns.Select((column, index) => Read(column, reader, offsets[index])).ToList()).Single();
    }

    /// <summary>The column as a number, for numeric kinds (DuckDB types vary: integers, decimals, doubles).</summary>
    public static string Number(SourceColumn column) => $"CAST({column.Sql} AS DOUBLE)";

    public static string Text(SourceColumn column) => $"CAST({column.Sql} AS VARCHAR)";

    private static IEnumerable<string> Expressions(SourceColumn column)
    {
        var name = column.Sql;
        yield return $"count({name})";
        yield return $"count(DISTINCT {name})";
        switch (column.Kind)
        {
            case ColumnKind.Numeric:
                var x = Number(column);
                yield return $"min({x})";
                yield return $"max({x})";
                yield return $"avg({x})";
                yield return $"stddev_samp({x})";
                yield return $"quantile_cont({x}, [0.05, 0.25, 0.5, 0.75, 0.95])";
                yield return $"bool_and({x} = round({x}))";
                break;
            case ColumnKind.Categorical or ColumnKind.Text:
                var text = Text(column);
                yield return $"min(length({text}))";
                yield return $"max(length({text}))";
                yield return $"avg(length({text}))";
                yield return $"count(TRY_CAST({text} AS DOUBLE))";
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
        var summary = new Summary(column, present, distinct, null, null, null, null, null, null);
        if (present == 0) return summary;
        switch (column.Kind)
        {
            case ColumnKind.Numeric:
                var quantiles = SqlValues.List(reader, at + 6);
                var isInteger = !reader.IsDBNull(at + 7) && reader.GetBoolean(at + 7);
                return summary with
                {
                    Numbers = new NumericSummary(
                        SqlValues.Double(reader, at + 2)!.Value, SqlValues.Double(reader, at + 3)!.Value, SqlValues.Double(reader, at + 4)!.Value,
                        SqlValues.Double(reader, at + 5), quantiles[0]!.Value, quantiles[1]!.Value, quantiles[2]!.Value, quantiles[3]!.Value, quantiles[4]!.Value,
                        isInteger, 0, 0, 0),
                };
            case ColumnKind.Categorical or ColumnKind.Text:
                return summary with
                {
                    Lengths = new LengthSummary(SqlValues.Long(reader, at + 2), SqlValues.Long(reader, at + 3), SqlValues.Double(reader, at + 4) ?? 0),
                    NumericLike = SqlValues.Long(reader, at + 5),
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
