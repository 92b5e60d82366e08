using System.Globalization;
using System.Text.RegularExpressions;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Flywheel.Tasks;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// Derives the plan from the column kinds and the train rows (never validation or test), then applies the
/// user's overrides. Every drop carries its reason so reports can show it.
/// </summary>
public static partial class PlanBuilder
{
    public static PreprocessingPlan Build(ColumnTable table, IReadOnlyList<int> trainRows, PreparationOptions options)
    {
        foreach (var name in options.Plan.Columns.Keys)
            table.Get(name, "'data.preprocessing.columns'");
        var target = table.Get(options.Target, "'data.target'");
        var columns = table.Columns
            .Where(column => column.Name != target.Name)
            .Select(column => Plan(column, trainRows, options))
            .ToList();
        var transform = options.LabelKind == MlTask.Regression ? TargetTransform(target, trainRows, options) : TargetTransformKind.None;
        if (options.Plan.Outliers is not null && options.LabelKind != MlTask.Regression)
            throw new InputException("'data.preprocessing.outliers' filters a regression target; this target is a classification label", options.DescribedIn);
        return new PreprocessingPlan(target.Name, options.LabelKind, columns, transform, options.Plan.Outliers);
    }

    private static ColumnPlan Plan(TableColumn column, IReadOnlyList<int> trainRows, PreparationOptions options)
    {
        var chosen = options.Plan.Columns.GetValueOrDefault(column.Name);
        var drop = DropReason(column, trainRows, options, chosen);
        if (drop is not null) return new ColumnPlan(column.Name, column.Kind, ColumnTreatment.Drop, drop);

        var hadMissing = trainRows.Any(column.IsMissing);
        var distinct = trainRows.Where(row => !column.IsMissing(row)).Select(column.String).Distinct(StringComparer.Ordinal).Count();
        var treatment = chosen?.Treatment ?? DefaultTreatment(column.Kind, distinct, options.Plan.OneHotMax);
        CheckFits(column, treatment, options);
        return new ColumnPlan(
            column.Name,
            column.Kind,
            treatment,
            Reason: chosen?.Treatment is not null ? "set in data.preprocessing" : null,
            MissingIndicator: treatment != ColumnTreatment.Text && (chosen?.MissingIndicator ?? hadMissing),
            Scaling: treatment == ColumnTreatment.Numeric ? chosen?.Scaling ?? Scaling.Standardize : Scaling.None,
            HashBits: treatment == ColumnTreatment.Hashed ? chosen?.HashBits ?? HashBits(distinct) : null,
            Order: treatment == ColumnTreatment.Ordinal ? chosen?.Order : null);
    }

    private static string? DropReason(TableColumn column, IReadOnlyList<int> trainRows, PreparationOptions options, ColumnOverride? chosen)
    {
        if (chosen?.Treatment == ColumnTreatment.Drop) return "dropped in data.preprocessing";
        if (options.Drop.Contains(column.Name)) return "listed in data.drop";
        if (options.IdColumns.Contains(column.Name)) return "an id column (data.roles.id)";
        if (options.Split.Column == column.Name && options.Split.Strategy == SplitStrategy.Grouped) return "the group column of the split: its values never recur across splits";
        if (options.Split.Column == column.Name && options.Split.Strategy == SplitStrategy.TimeOrdered) return "the date column of the time split";
        if (chosen?.Treatment is not null) return null;

        var present = trainRows.Where(row => !column.IsMissing(row)).ToList();
        var missingShare = trainRows.Count == 0 ? 0 : 1.0 - (double)present.Count / trainRows.Count;
        if (missingShare > options.Plan.MaxMissing)
            return string.Create(CultureInfo.InvariantCulture, $"{missingShare:P0} missing in train (more than {options.Plan.MaxMissing:P0})");
        var distinct = present.Select(column.String).Distinct(StringComparer.Ordinal).Count();
        if (distinct <= 1) return "constant in train";
        if (column.Kind == ColumnKind.Date) return "a date column: date features are not derived (use it to order a time split)";
        if (IsIdLike(column, present, distinct)) return "id-like: every train value is distinct";
        return null;
    }

    // Numbers are id-like only when named like an id; a categorical column when every value is distinct.
    private static bool IsIdLike(TableColumn column, IReadOnlyList<int> present, int distinct) =>
        distinct == present.Count && present.Count >= 10 && column.Kind switch
        {
            ColumnKind.Numeric => IdName().IsMatch(column.Name) && present.All(row => column.Number(row) == Math.Floor(column.Number(row))),
            ColumnKind.Categorical => true,
            _ => false,
        };

    [GeneratedRegex(@"(^|[_\s.-])(id|ID|Id)$|^(id|ID|Id)([_\s.-]|$)|[a-z]Id$|[a-z]ID$")]
    private static partial Regex IdName();

    private static ColumnTreatment DefaultTreatment(ColumnKind kind, int distinct, int oneHotMax) => kind switch
    {
        ColumnKind.Numeric => ColumnTreatment.Numeric,
        ColumnKind.Text => ColumnTreatment.Text,
        _ => distinct <= oneHotMax ? ColumnTreatment.OneHot : ColumnTreatment.Hashed,
    };

    /// <summary>Enough hash slots for about twice the train categories, between 2^6 and 2^12.</summary>
    private static int HashBits(int distinct) => Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(2, distinct * 2))), 6, 12);

    private static void CheckFits(TableColumn column, ColumnTreatment treatment, PreparationOptions options)
    {
        var numeric = column.Kind == ColumnKind.Numeric;
        if (treatment == ColumnTreatment.Numeric && !numeric)
            throw new InputException($"column '{column.Name}' is {column.Kind.Name()}, so it cannot be treated as numeric; declare its kind in data.schema if it holds numbers", options.DescribedIn);
        if (treatment is ColumnTreatment.OneHot or ColumnTreatment.Ordinal or ColumnTreatment.Hashed or ColumnTreatment.Text && numeric)
            throw new InputException($"column '{column.Name}' is numeric; to encode it as categories declare it 'categorical' in data.schema", options.DescribedIn);
    }

    private static TargetTransformKind TargetTransform(TableColumn target, IReadOnlyList<int> trainRows, PreparationOptions options)
    {
        if (!target.IsNumeric)
            throw new InputException($"the regression target '{target.Name}' must be numeric, but it is {target.Kind.Name()}", options.DescribedIn);
        var values = trainRows.Where(row => !target.IsMissing(row)).Select(target.Number).ToList();
        var positive = values.Count > 0 && values.All(value => value > 0);
        switch (options.Plan.TargetTransform)
        {
            case TargetTransformChoice.None:
                return TargetTransformKind.None;
            case TargetTransformChoice.Log when !positive:
                throw new InputException($"'data.preprocessing.target_transform: log' needs a positive target, but '{target.Name}' has values ≤ 0 in train", options.DescribedIn);
            case TargetTransformChoice.Log:
                return TargetTransformKind.Log;
            default:
                return positive && Statistics.Skewness(values) > 1.0 ? TargetTransformKind.Log : TargetTransformKind.None;
        }
    }
}
