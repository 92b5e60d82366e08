using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;
using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>Identifier-like columns: a different value in (nearly) every row. A model can only memorize them.</summary>
public static class IdLikeRule
{
    public static DiagnosisRule Definition { get; } = new("id_like", "id_like", "Distinct values per row at or above the threshold, in a text or whole-number column with no gaps.",
        1.0, [ColumnKind.Categorical, ColumnKind.Text, ColumnKind.Numeric], Evaluate);

    public static bool IsIdLike(ColumnProfile column, double threshold) =>
        column.Rows > 1 && column.Missing == 0
        && (column.Kind == ColumnKind.Categorical || (column.Kind == ColumnKind.Numeric && column.Numbers is { IsInteger: true }))
        && (double)column.Distinct / column.Rows >= threshold;

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold) =>
        context.Features.Where(column => IsIdLike(column, threshold)).Select(column => new Finding("id_like", Severity.Warning, [column.Name],
            new Dictionary<string, object?> { ["distinct"] = column.Distinct, ["rows"] = column.Rows, ["distinctPerRow"] = Round((double)column.Distinct / column.Rows) },
            $"{column.Name} looks like an identifier: {column.Distinct:N0} distinct values in {column.Rows:N0} rows",
            "declare it under data.roles.id (kept for joins, not used as a feature), or drop it", AskRoles.DataEngineer));
}
