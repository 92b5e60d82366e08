using System.Globalization;
using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>
/// The per-feature measures against a class target (moments per class, ROC AUC) on wide data, from values read once
/// (see <see cref="WideQuantiles"/>): thousands of aggregates in one GROUP BY, or one ranking query per feature, cost
/// minutes there. The same definitions as <see cref="AssociationQueries"/>: population variance, ties at their average rank.
/// </summary>
internal static class WideAssociations
{
    public sealed record Values(string?[] Target, double?[][] Features);

    /// <summary>The target as text and each feature as numbers; null when the target is not text or whole numbers (its text form would differ from DuckDB's).</summary>
    public static Values? Read(DataSource source, SourceColumn target, IReadOnlyList<SourceColumn> numeric)
    {
        var rows = (int)source.RowCount;
        var labels = new string?[rows];
        var features = numeric.Select(_ => new double?[rows]).ToArray();
        var r = 0;
        foreach (var row in source.ReadRows([target.Name, .. numeric.Select(column => column.Name)]))
        {
            if (r >= rows) break;
            labels[r] = row[0] switch
            {
                null => null,
                string text => text,
                long or int or short or sbyte or byte => Convert.ToString(row[0], CultureInfo.InvariantCulture),
                _ => null,
            };
            if (row[0] is not null && labels[r] is null) return null;
            for (var i = 0; i < numeric.Count; i++) features[i][r] = row[i + 1] is { } value ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;
            r++;
        }
        return new Values(labels, features);
    }

    public static Dictionary<string, List<(string Level, Statistics.GroupMoments Moments)>> GroupMoments(Values values, IReadOnlyList<SourceColumn> numeric)
    {
        var result = new Dictionary<string, List<(string, Statistics.GroupMoments)>>();
        for (var i = 0; i < numeric.Count; i++)
        {
            var x = values.Features[i];
            result[numeric[i].Name] = Enumerable.Range(0, x.Length)
                .Where(row => values.Target[row] is not null && x[row] is not null)
                .GroupBy(row => values.Target[row]!, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group =>
                {
                    var items = group.Select(row => x[row]!.Value).ToList();
                    var mean = items.Average();
                    return (group.Key, new Statistics.GroupMoments(items.Count, mean, items.Sum(v => (v - mean) * (v - mean)) / items.Count));
                }).ToList();
        }
        return result;
    }

    public static double Auc(Values values, int feature, string positive)
    {
        var x = values.Features[feature];
        var rows = Enumerable.Range(0, x.Length).Where(row => x[row] is not null && values.Target[row] is not null).OrderBy(row => x[row]!.Value).ToList();
        double rankSum = 0;
        long positives = 0;
        for (var start = 0; start < rows.Count;)
        {
            var end = start;
            while (end + 1 < rows.Count && x[rows[end + 1]] == x[rows[start]]) end++;
            var averageRank = (start + 1 + end + 1) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (values.Target[rows[k]] != positive) continue;
                rankSum += averageRank;
                positives++;
            }
            start = end + 1;
        }
        return Statistics.AucFromRankSum(rankSum, positives, rows.Count - positives);
    }
}
