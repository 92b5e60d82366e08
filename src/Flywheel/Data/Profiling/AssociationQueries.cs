using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>The grouped queries behind associations; the measures themselves are in <see cref="Statistics"/>.</summary>
internal static class AssociationQueries
{
    /// <summary>Pearson's r for every pair of the given numeric columns, all pairs in one scan (DuckDB's corr ignores rows where either is missing).</summary>
    public static double?[][] PearsonMatrix(DataSource source, IReadOnlyList<SourceColumn> numeric)
    {
        var matrix = Enumerable.Range(0, numeric.Count).Select(i => Enumerable.Range(0, numeric.Count).Select(j => i == j ? (double?)1 : null).ToArray()).ToArray();
        var pairs = new List<(int I, int J)>();
        for (var i = 0; i < numeric.Count; i++)
            for (var j = i + 1; j < numeric.Count; j++)
                pairs.Add((i, j));
        if (pairs.Count == 0) return matrix;
        var expressions = pairs.Select(pair => $"corr(x{pair.I}, x{pair.J})");
        // Each column is cast once per row in the inner SELECT, not once per pair.
        var casts = numeric.Select((column, i) => $"{ColumnSummaries.Number(column)} AS x{i}");
        source.Query($"SELECT {string.Join(", ", expressions)} FROM (SELECT {string.Join(", ", casts)} FROM {DataSource.Relation})", reader =>
        {
            for (var p = 0; p < pairs.Count; p++)
            {
                var r = SqlValues.Double(reader, p);
                if (r is { } value && double.IsFinite(value))
                {
                    var clamped = Math.Clamp(value, -1, 1);
                    matrix[pairs[p].I][pairs[p].J] = clamped;
                    matrix[pairs[p].J][pairs[p].I] = clamped;
                }
            }
            return 0;
        });
        return matrix;
    }

    /// <summary>Pearson's r of each column with <paramref name="target"/>, in one scan (null where undefined).</summary>
    public static double?[] PearsonWith(DataSource source, IReadOnlyList<SourceColumn> numeric, SourceColumn target)
    {
        if (numeric.Count == 0) return [];
        var y = ColumnSummaries.Number(target);
        var expressions = numeric.Select(column => $"corr({ColumnSummaries.Number(column)}, {y})");
        return source.Query($"SELECT {string.Join(", ", expressions)} FROM {DataSource.Relation}", reader =>
            Enumerable.Range(0, numeric.Count).Select(i => SqlValues.Double(reader, i) is { } r && double.IsFinite(r) ? (double?)Math.Clamp(r, -1, 1) : null).ToArray()).Single();
    }

    /// <summary>Contingency tables of many column pairs in one grouped scan, over rows where both are present.</summary>
    public static List<ContingencyTable> Contingencies(DataSource source, IReadOnlyList<(SourceColumn Left, SourceColumn Right)> pairs)
    {
        var groups = GroupCounts.Run(source, pairs.Select(pair => (IReadOnlyList<string>)[pair.Left.Sql, pair.Right.Sql]).ToList());
        return groups.Select(ContingencyTable.From).ToList();
    }

    /// <summary>For each grouping column: per level, the count, mean and population variance of <paramref name="numeric"/>, in one grouped scan.</summary>
    public static List<List<(string Level, Statistics.GroupMoments Moments)>> MomentsByLevel(DataSource source, IReadOnlyList<SourceColumn> groupings, SourceColumn numeric)
    {
        var x = ColumnSummaries.Number(numeric);
        var groups = GroupingSets.Run(source, groupings.Select(column => (IReadOnlyList<string>)[column.Sql]).ToList(), [$"count({x})", $"avg({x})", $"var_pop({x})"]);
        return groups.Select(levels => levels
            .Where(level => level.Values[0] is > 0)
            .Select(level => (level.Keys[0], new Statistics.GroupMoments((long)level.Values[0]!.Value, level.Values[1] ?? 0, level.Values[2] ?? 0)))
            .ToList()).ToList();
    }

    /// <summary>Per level of <paramref name="group"/>: count, mean and population variance of each numeric column, in one scan.</summary>
    public static Dictionary<string, List<(string Level, Statistics.GroupMoments Moments)>> GroupMoments(DataSource source, SourceColumn group, IReadOnlyList<SourceColumn> numeric)
    {
        var result = numeric.ToDictionary(column => column.Name, _ => new List<(string, Statistics.GroupMoments)>());
        if (numeric.Count == 0) return result;
        var expressions = numeric.SelectMany(column =>
        {
            var x = ColumnSummaries.Number(column);
            return new[] { $"count({x})", $"avg({x})", $"var_pop({x})" };
        });
        source.Query($"SELECT {ColumnSummaries.Text(group)}, {string.Join(", ", expressions)} FROM {DataSource.Relation} WHERE {group.Sql} IS NOT NULL GROUP BY 1 ORDER BY 1", reader =>
        {
            var level = SqlValues.Text(reader, 0)!;
            for (var i = 0; i < numeric.Count; i++)
            {
                var count = SqlValues.Long(reader, 1 + 3 * i);
                if (count > 0)
                    result[numeric[i].Name].Add((level, new Statistics.GroupMoments(count, SqlValues.Double(reader, 2 + 3 * i) ?? 0, SqlValues.Double(reader, 3 + 3 * i) ?? 0)));
            }
            return 0;
        });
        return result;
    }

    /// <summary>ROC AUC of a numeric feature's raw value against "target = positive", ties at their average rank.</summary>
    public static double Auc(DataSource source, SourceColumn feature, SourceColumn target, string positive)
    {
        var x = ColumnSummaries.Number(feature);
        var isPositive = $"{ColumnSummaries.Text(target)} = {SqlText.Literal(positive)}";
        var sql = $"""
            WITH ranked AS (
                SELECT {isPositive} AS positive,
                       rank() OVER (ORDER BY {x}) + (count(*) OVER (PARTITION BY {x}) - 1) / 2.0 AS average_rank
                FROM {DataSource.Relation}
                WHERE {x} IS NOT NULL AND {target.Sql} IS NOT NULL)
            SELECT sum(average_rank) FILTER (WHERE positive), count(*) FILTER (WHERE positive), count(*) FILTER (WHERE NOT positive) FROM ranked
            """;
        return source.Query(sql, reader => Statistics.AucFromRankSum(SqlValues.Double(reader, 0) ?? 0, SqlValues.Long(reader, 1), SqlValues.Long(reader, 2))).Single();
    }
}
