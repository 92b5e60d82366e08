using System.Globalization;
using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>Histograms, most frequent values, IQR-fence counts and duplicate rows, each a small grouped query on the loaded data.</summary>
internal static class Distributions
{
    /// <summary>The numeric expression a column is binned on: the value, a date's epoch seconds, or a text's length.</summary>
    public static string? BinnedExpression(SourceColumn column) => column.Kind switch
    {
        ColumnKind.Numeric => ColumnSummaries.Number(column),
        ColumnKind.Date => $"epoch({column.Sql})",
        ColumnKind.Text => $"length({ColumnSummaries.Text(column)})",
        _ => null,
    };

    /// <summary>
    /// Equal-width edges from <paramref name="min"/> to <paramref name="max"/>; one bin when they are equal. Whole
    /// numbers spanning fewer values than <paramref name="bins"/> get one bin per value, centred on it
    /// ([k − ½, k + ½)), so counts of 0, 1, 2… do not alternate with empty bins.
    /// </summary>
    public static double[] Edges(double min, double max, int bins, bool integer = false)
    {
        if (max <= min) return [min, max];
        if (integer && max - min < bins)
            return Enumerable.Range(0, (int)(max - min) + 2).Select(i => min - 0.5 + i).ToArray();
        var width = (max - min) / bins;
        return Enumerable.Range(0, bins + 1).Select(i => i == bins ? max : min + i * width).ToArray();
    }

    /// <summary>SQL for the 0-based bin of <paramref name="expression"/> given edges (the last bin is closed).</summary>
    public static string BinOf(string expression, double[] edges)
    {
        var bins = edges.Length - 1;
        if (bins == 1 && edges[0] == edges[1]) return "0";
        var min = Format(edges[0]);
        var width = Format((edges[^1] - edges[0]) / bins);
        return $"least(greatest(CAST(floor(({expression} - {min}) / {width}) AS INTEGER), 0), {bins - 1})";
    }

    /// <summary>The histogram with the given edges from grouped (bin, count) results.</summary>
    public static Histogram HistogramOf(double[] edges, IEnumerable<GroupingSets.Group> groups)
    {
        var counts = new long[edges.Length - 1];
        foreach (var group in groups) counts[int.Parse(group.Keys[0], CultureInfo.InvariantCulture)] += (long)(group.Values[0] ?? 0);
        return new Histogram(counts.Select((count, i) => new HistogramBin(edges[i], edges[i + 1], count)).ToList());
    }

    /// <summary>The most frequent values from grouped (value, count) results, ties broken by value.</summary>
    public static List<ValueCount> TopOf(IEnumerable<GroupingSets.Group> groups, int limit) =>
        groups.Select(group => new ValueCount(group.Keys[0], (long)(group.Values[0] ?? 0)))
            .OrderByDescending(value => value.Count).ThenBy(value => value.Value, StringComparer.Ordinal)
            .Take(limit).ToList();

    /// <summary>Top values with the sorting done in DuckDB, for columns with too many distinct values to bring back.</summary>
    public static List<ValueCount> TopValues(DataSource source, SourceColumn column, int limit)
    {
        var text = ColumnSummaries.Text(column);
        return source.Query(
            $"SELECT {text} AS v, count(*) AS n FROM {DataSource.Relation} WHERE {column.Sql} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT {limit}",
            reader => new ValueCount(SqlValues.Text(reader, 0)!, SqlValues.Long(reader, 1)));
    }

    /// <summary>
    /// Rows that repeat an earlier row in every column, counted on 64-bit row hashes (much cheaper than DISTINCT over
    /// all columns; a collision among a billion rows has a probability of about 3%, among a million about 3·10⁻⁸).
    /// </summary>
    public static long DuplicateRows(DataSource source) =>
        source.RowCount - source.Scalar<long>($"SELECT count(DISTINCT hash({string.Join(", ", source.Columns.Select(column => column.Sql))})) FROM {DataSource.Relation}");

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains('E') || text.Contains('e'))
        ? $"CAST('{text}' AS DOUBLE)"
        : text;
}
