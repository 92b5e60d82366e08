using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>Histograms and top values of every column, in one grouped scan (plus one query per very high-cardinality column).</summary>
internal static class ColumnDistributions
{
    // Above this many distinct values the top values are sorted in DuckDB rather than brought back whole.
    private const long MaxGroupsBroughtBack = 1000;

    public static List<ColumnProfile> Compute(DataSource source, List<ColumnSummaries.Summary> summaries, Dictionary<string, (long Below, long Above, long AtMedian)> fences, ProfileOptions options)
    {
        var plans = summaries.Select(summary => Plan(summary, fences, options)).ToList();
        var sets = new List<IReadOnlyList<string>>();
        var histogramSet = new Dictionary<int, int>();
        var topSet = new Dictionary<int, int>();
        for (var i = 0; i < plans.Count; i++)
        {
            if (plans[i].Edges is { } edges)
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

        return summaries.Select((summary, i) =>
        {
            var plan = plans[i];
            var histogram = histogramSet.TryGetValue(i, out var h) ? Distributions.HistogramOf(plan.Edges!, groups[h]) : null;
            var top = topSet.TryGetValue(i, out var t) ? Distributions.TopOf(groups[t], options.TopValues)
                : plan.WantsTop ? Distributions.TopValues(source, summary.Column, options.TopValues)
                : null;
            return new ColumnProfile(summary.Column.Name, summary.Column.Kind, summary.Column.SqlType, source.RowCount, source.RowCount - summary.Present,
                summary.Distinct, plan.Numbers, top, summary.Lengths, summary.Dates, histogram, summary.NumericLike);
        }).ToList();
    }

    private sealed record ColumnPlan(NumericSummary? Numbers, string? BinnedExpression, double[]? Edges, bool WantsTop);

    private static ColumnPlan Plan(ColumnSummaries.Summary summary, Dictionary<string, (long Below, long Above, long AtMedian)> fences, ProfileOptions options)
    {
        var column = summary.Column;
        var numbers = summary.Numbers is { } n && fences.TryGetValue(column.Name, out var fence)
            ? n with { BelowFence = fence.Below, AboveFence = fence.Above, AtMedian = fence.AtMedian }
            : summary.Numbers;
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
            edges = Distributions.Edges(min, max, options.Bins);
        }
        var wantsTop = summary.Present > 0 && (column.Kind is ColumnKind.Categorical or ColumnKind.Boolean or ColumnKind.Text
            || (numbers is { IsInteger: true } && summary.Distinct <= options.TopValues));
        return new ColumnPlan(numbers, expression, edges, wantsTop);
    }
}
