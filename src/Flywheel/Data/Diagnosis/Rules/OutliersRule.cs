using Flywheel.Data.Sources;
using Flywheel.Data.Profiling;
using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>
/// Values outside Tukey's fences, Q1 − 1.5·IQR and Q3 + 1.5·IQR (quartiles by linear interpolation, as numpy and
/// pandas compute them), on the target and on numeric features.
/// </summary>
public static class OutliersRule
{
    public static DiagnosisRule Definition { get; } = new("outliers", "outliers", "Rows outside the IQR fences; reported when their share of present values exceeds the threshold.",
        0.0, [ColumnKind.Numeric], Evaluate);

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold)
    {
        foreach (var column in context.Profile.Columns)
        {
            if (column.Numbers is not { } numbers || column.Distinct <= 2) continue;
            var outside = numbers.BelowFence + numbers.AboveFence;
            var share = (double)outside / column.Present;
            if (outside == 0 || share <= threshold) continue;
            var isTarget = column.Name == context.Target?.Name;
            yield return new Finding("outliers", isTarget ? Severity.Warning : Severity.Info, [column.Name],
                new Dictionary<string, object?>
                {
                    ["q1"] = numbers.Q1, ["q3"] = numbers.Q3, ["iqr"] = numbers.Iqr,
                    ["lowerFence"] = numbers.LowerFence, ["upperFence"] = numbers.UpperFence,
                    ["below"] = numbers.BelowFence, ["above"] = numbers.AboveFence, ["fraction"] = Round(share),
                    ["min"] = numbers.Min, ["max"] = numbers.Max,
                },
                $"{column.Name}{(isTarget ? " (target)" : "")}: {Sides(numbers)}",
                isTarget
                    ? "confirm the extreme targets are real; consider a log transform or a robust loss, and price large errors in the decision section"
                    : "confirm the extremes are real values, not entry errors; cap them or use a log transform if they dominate",
                AskRoles.DomainExpert);
        }
    }

    // Only the sides that hold outliers: "3 rows above 7", never "0 rows below …".
    private static string Sides(NumericSummary numbers)
    {
        var below = numbers.BelowFence > 0 ? $"{Rows(numbers.BelowFence)} below {numbers.LowerFence:G6}" : null;
        var above = numbers.AboveFence > 0 ? $"{Rows(numbers.AboveFence)} above {numbers.UpperFence:G6}" : null;
        return string.Join(" and ", new[] { below, above }.OfType<string>());
    }

    private static string Rows(long count) => count == 1 ? "1 row" : $"{count:N0} rows";
}
