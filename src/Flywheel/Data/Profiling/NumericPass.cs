using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>
/// The second scan over numeric columns, once their quartiles are known: rows outside the IQR fences and rows at
/// the median, as filtered counts in one SELECT. (Histogram bins are grouped instead: hundreds of filtered counts
/// cost far more than one GROUP BY per column.)
/// </summary>
internal static class NumericPass
{
    public sealed record Result(long Below, long Above, long AtMedian);

    public static Dictionary<string, Result> Compute(DataSource source, IReadOnlyList<(SourceColumn Column, NumericSummary Numbers)> numeric)
    {
        if (numeric.Count == 0) return [];
        // The casts are computed once per row in the inner SELECT, not once per filter.
        var inner = numeric.Select((item, i) => $"{ColumnSummaries.Number(item.Column)} AS x{i}");
        var counts = new List<string>();
        for (var i = 0; i < numeric.Count; i++)
        {
            var n = numeric[i].Numbers;
            counts.Add($"count(*) FILTER (WHERE x{i} < {Distributions.Format(n.LowerFence)})");
            counts.Add($"count(*) FILTER (WHERE x{i} > {Distributions.Format(n.UpperFence)})");
            counts.Add($"count(*) FILTER (WHERE x{i} = {Distributions.Format(n.Median)})");
        }
        var sql = $"SELECT {string.Join(", ", counts)} FROM (SELECT {string.Join(", ", inner)} FROM {DataSource.Relation})";
        return source.Query(sql, reader =>
        {
            var results = new Dictionary<string, Result>();
            var at = 0;
            for (var i = 0; i < numeric.Count; i++)
            {
                var below = SqlValues.Long(reader, at++);
                var above = SqlValues.Long(reader, at++);
                var atMedian = SqlValues.Long(reader, at++);
                results[numeric[i].Column.Name] = new Result(below, above, atMedian);
            }
            return results;
        }).Single();
    }
}
