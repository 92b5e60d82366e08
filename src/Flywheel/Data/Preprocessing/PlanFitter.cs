using Flywheel.Data.Sources;
using Flywheel.Tasks;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// Learns every statistic of a plan from the train rows only: the outlier fence first (regression), then medians,
/// means and standard deviations, modes and vocabularies on the rows that remain. Validation and test rows are
/// never read here, so nothing about them leaks into the features.
/// </summary>
public static class PlanFitter
{
    /// <summary>Returns the fitted plan and the train rows that survive the outlier filter.</summary>
    public static (FittedPlan Plan, IReadOnlyList<int> TrainRows) Fit(PreprocessingPlan plan, ColumnTable table, IReadOnlyList<int> trainRows, string? positive, string? describedIn = null)
    {
        var target = table.Get(plan.Target, "'data.target'");
        var labelled = trainRows.Where(row => !target.IsMissing(row)).ToList();
        var (kept, low, high) = FilterOutliers(plan, target, labelled);
        var classes = plan.LabelKind == MlTask.Regression ? Array.Empty<string>() : Classes(target, table.RowCount);
        var positiveClass = plan.LabelKind == MlTask.Binary ? PositiveClass(target, classes, positive, describedIn) : null;
        var fittedTarget = new FittedTarget(target.Name, plan.LabelKind, classes, positiveClass, plan.TargetTransform, low, high);
        var columns = plan.Features.Select(column => FitColumn(column, table.Get(column.Name, "the plan"), kept)).ToList();
        return (new FittedPlan(plan, columns, fittedTarget, kept.Count, labelled.Count - kept.Count), kept);
    }

    private static (List<int> Kept, double? Low, double? High) FilterOutliers(PreprocessingPlan plan, TableColumn target, List<int> rows)
    {
        if (plan.OutlierFilter is not { } filter || plan.LabelKind != MlTask.Regression) return (rows, null, null);
        var values = rows.Select(target.Number).ToList();
        var q1 = Statistics.Quantile(values, 0.25);
        var q3 = Statistics.Quantile(values, 0.75);
        var low = q1 - filter.Fence * (q3 - q1);
        var high = q3 + filter.Fence * (q3 - q1);
        return (rows.Where(row => target.Number(row) >= low && target.Number(row) <= high).ToList(), low, high);
    }

    private static FittedColumn FitColumn(ColumnPlan column, TableColumn data, IReadOnlyList<int> rows)
    {
        var hadMissing = rows.Any(data.IsMissing);
        if (column.Treatment == ColumnTreatment.Numeric)
        {
            var present = rows.Where(row => !data.IsMissing(row)).Select(data.Number).ToList();
            var median = Statistics.Median(present);
            var filled = rows.Select(row => data.IsMissing(row) ? median : data.Number(row)).ToList();
            return column.Scaling == Scaling.Standardize
                ? new FittedColumn(column.Name, hadMissing, median, Statistics.Mean(filled), Statistics.StandardDeviation(filled))
                : new FittedColumn(column.Name, hadMissing, median);
        }
        if (column.Treatment == ColumnTreatment.Text) return new FittedColumn(column.Name, hadMissing);

        string? Text(int row) => data.String(row) is { } text && data.Kind == ColumnKind.Boolean ? BooleanText.Normalize(text) : data.String(row);
        var values = rows.Where(row => !data.IsMissing(row)).Select(row => Text(row)!).ToList();
        var byFrequency = Statistics.ByFrequency(values);
        var mode = byFrequency[0];
        if (column.Order is { } order && values.FirstOrDefault(value => !order.Contains(value)) is { } stray)
            throw new InputException($"column '{column.Name}' has the value '{stray}' in train, which its ordinal order in data.preprocessing does not list");
        var vocabulary = column.Treatment switch
        {
            ColumnTreatment.OneHot => Statistics.ByFrequency(rows.Select(row => Text(row) ?? mode)),
            ColumnTreatment.Ordinal => column.Order ?? byFrequency.Order(StringComparer.Ordinal).ToList(),
            _ => null,
        };
        return new FittedColumn(column.Name, hadMissing, Mode: mode, Vocabulary: vocabulary);
    }

    // Classes come from every row: a label value is not a feature statistic, and every row then has a valid key.
    internal static IReadOnlyList<string> Classes(TableColumn target, int rowCount) =>
        Enumerable.Range(0, rowCount).Select(target.String).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    internal static string PositiveClass(TableColumn target, IReadOnlyList<string> classes, string? positive, string? describedIn)
    {
        var counts = classes.Select(name => new ClassCount(name, Enumerable.Range(0, target.Count).Count(row => target.String(row) == name))).ToList();
        return Tasks.PositiveClass.Resolve(counts, positive, target.Name, describedIn);
    }
}
