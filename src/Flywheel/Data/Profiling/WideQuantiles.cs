using System.Globalization;
using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>
/// <see cref="ExactQuantiles"/> for data with many numeric columns and few rows (5,000 × 200): one GROUP BY per column is
/// a query plan of thousands of branches that costs seconds per hundred columns, while the values themselves are a few
/// megabytes. They are read once and the same figures computed here: quartiles at rank h = (n − 1)·p interpolated, the
/// histogram over the same fine bins, rows beyond the 1.5·IQR fences and at the median.
/// </summary>
internal static class WideQuantiles
{
    /// <summary>Most values (rows × columns) read into memory, about 80 MB of doubles.</summary>
    public const long MaxValues = 10_000_000;

    private const int FineBinsPerBin = 64;

    public static bool Suits(DataSource source, int numericColumns, int columnsPerQuery) =>
        numericColumns > columnsPerQuery && source.RowCount * numericColumns <= MaxValues;

    public static Dictionary<string, ExactQuantiles.Result> Compute(DataSource source, IReadOnlyList<(SourceColumn Column, NumericSummary Numbers, long Present)> numeric, int bins)
    {
        var values = numeric.Select(_ => new List<double>((int)Math.Min(source.RowCount, int.MaxValue))).ToArray();
        foreach (var row in source.ReadRows(numeric.Select(item => item.Column.Name).ToList()))
        {
            for (var i = 0; i < row.Length; i++)
                if (row[i] is { } value) values[i].Add(Convert.ToDouble(value, CultureInfo.InvariantCulture));
        }
        var result = new Dictionary<string, ExactQuantiles.Result>(StringComparer.Ordinal);
        for (var i = 0; i < numeric.Count; i++)
        {
            var (column, numbers, _) = numeric[i];
            var sorted = values[i].ToArray();
            if (sorted.Length == 0) continue;
            Array.Sort(sorted);
            var edges = Distributions.Edges(numbers.Min, numbers.Max, bins, numbers.IsInteger);
            var q = new[] { Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75) };
            var (lower, upper) = (q[0] - 1.5 * (q[2] - q[0]), q[2] + 1.5 * (q[2] - q[0]));
            result[column.Name] = new ExactQuantiles.Result(q[0], q[1], q[2], Histogram(sorted, edges),
                sorted.Count(v => v < lower), sorted.Count(v => v > upper), sorted.Count(v => v == q[1]));
        }
        return result;
    }

    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        return h > low ? sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]) : sorted[low];
    }

    // The same arithmetic as the SQL path: a fine bin over the whole range, display bin = fine bin ÷ 64.
    private static Histogram Histogram(double[] sorted, double[] edges)
    {
        var bins = edges.Length - 1;
        var counts = new long[bins];
        var constant = edges[0] == edges[^1];
        var fineWidth = (edges[^1] - edges[0]) / (bins * (double)FineBinsPerBin);
        foreach (var v in sorted)
        {
            var fine = constant ? 0 : (int)Math.Clamp(Math.Floor((v - edges[0]) / fineWidth), 0, bins * FineBinsPerBin - 1);
            counts[Math.Min(fine / FineBinsPerBin, bins - 1)]++;
        }
        return new Histogram(counts.Select((count, i) => new HistogramBin(edges[i], edges[i + 1], count)).ToList());
    }
}
