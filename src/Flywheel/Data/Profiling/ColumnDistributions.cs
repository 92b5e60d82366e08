using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>Histograms and top values of every column, in one grouped scan (plus one query per very high-cardinality column).</summary>
internal static class ColumnDistributions
{
    // Above this many distinct values the top values are sorted in DuckDB rather than brought back whole.
    private const long MaxGroupsBroughtBack = 1000;

    public static List<ColumnProfile> Compute(DataSource source, List<ColumnSummaries.Summary> summaries, Dictionary<string, Histogram> counted, ProfileOptions options)
    {
        var plans = summaries.Select(summary => Plan(summary, options)).ToList();
        var sets = new List<IReadOnlyList<string>>();
        var histogramSet = new Dictionary<int, int>();
        var topSet = new Dictionary<int, int>();
        for (var i = 0; i < plans.Count; i++)
        {
            if (plans[i].Edges is { } edges && !counted.ContainsKey(summaries[i].Column.Name))
            {
                histogramSet[i] = sets.Count;
                sets.Add([Distributions.BinOf(plans[i].BinnedExpression!, edges)]);
            }
            if (plans[i].WantsTop && summaries[i].Distinct <= MaxGroupsBroughtBack)
            {
                topSet[i] = sets.Count;
                sets.Add([summaries[i].Column.Sql]);
            }
        }
        var groups = GroupCounts.Run(source, sets);
        // String columns whose values all came back are checked for numbers here; the others need a scan with TRY_CAST.
        var scanned = ColumnSummaries.NumericLike(source, summaries
            .Where((summary, i) => summary.Column.Kind is ColumnKind.Categorical or ColumnKind.Text && summary.Present > 0 && !topSet.ContainsKey(i))
            .Select(summary => summary.Column).ToList());

        return summaries.Select((summary, i) =>
        {
            var plan = plans[i];
            var histogram = counted.TryGetValue(summary.Column.Name, out var known) ? known
                : histogramSet.TryGetValue(i, out var h) ? Distributions.HistogramOf(plan.Edges!, groups[h]) : null;
            var top = topSet.TryGetValue(i, out var t) ? Distributions.TopOf(groups[t], options.TopValues)
                : plan.WantsTop ? Distributions.TopValues(source, summary.Column, options.TopValues)
                : null;
            // All groups came back: their number is the exact distinct count.
            var (distinct, exact) = topSet.TryGetValue(i, out var all) ? (groups[all].Count, true) : (summary.Distinct, summary.DistinctIsExact);
            return new ColumnProfile(summary.Column.Name, summary.Column.Kind, summary.Column.SqlType, source.RowCount, source.RowCount - summary.Present,
                distinct, plan.Numbers, top, summary.Lengths, summary.Dates, histogram, NumericLike(summary, topSet.TryGetValue(i, out var set) ? groups[set] : null, scanned))
                { DistinctIsExact = exact };
        }).ToList();
    }

    private static long? NumericLike(ColumnSummaries.Summary summary, List<GroupingSets.Group>? allValues, Dictionary<string, long> scanned)
    {
        if (summary.Column.Kind is not (ColumnKind.Categorical or ColumnKind.Text)) return null;
        if (scanned.TryGetValue(summary.Column.Name, out var count)) return count;
        return allValues?.Where(group => IsNumber(group.Keys[0])).Sum(group => (long)(group.Values[0] ?? 0)) ?? 0;
    }

    // What DuckDB's TRY_CAST(... AS DOUBLE) accepts, near enough: decimal and exponent notation, surrounding spaces.
    private static bool IsNumber(string text) =>
        double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private sealed record ColumnPlan(NumericSummary? Numbers, string? BinnedExpression, double[]? Edges, bool WantsTop);

    private static ColumnPlan Plan(ColumnSummaries.Summary summary, ProfileOptions options)
    {
        var column = summary.Column;
        var numbers = summary.Numbers;

        var expression = summary.Present > 0 ? Distributions.BinnedExpression(column) : null;
        double[]? edges = null;
        if (expression is not null)
        {
            var (min, max) = column.Kind switch
            {
                ColumnKind.Numeric => (numbers!.Min, numbers.Max),
                ColumnKind.Date => (summary.EpochMin ?? 0, summary.EpochMax ?? 0),
                _ => ((double)summary.Lengths!.Min, (double)summary.Lengths.Max),
            };
            edges = Distributions.Edges(min, max, options.Bins, integer: column.Kind != ColumnKind.Date && (column.Kind != ColumnKind.Numeric || numbers!.IsInteger));
        }
        var wantsTop = summary.Present > 0 && (column.Kind is ColumnKind.Categorical or ColumnKind.Boolean or ColumnKind.Text
            || (numbers is { IsInteger: true } && summary.Distinct <= options.TopValues));
        return new ColumnPlan(numbers, expression, edges, wantsTop);
    }
}
