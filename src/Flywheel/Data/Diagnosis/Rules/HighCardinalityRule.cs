using Flywheel.Data.Sources;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>Categories with many levels: one-hot encoding explodes and rare levels are noise.</summary>
public static class HighCardinalityRule
{
    public static DiagnosisRule Definition { get; } = new("high_cardinality", "high_cardinality", "Categorical features with more distinct values than the threshold (identifier-like columns are reported as id_like instead).",
        50, [ColumnKind.Categorical], Evaluate);

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold) =>
        context.Features
            .Where(column => column.Kind == ColumnKind.Categorical && column.Distinct > threshold && !IdLikeRule.IsIdLike(column, IdLikeRule.Definition.DefaultThreshold))
            .Select(column => new Finding("high_cardinality", Severity.Warning, [column.Name],
                new Dictionary<string, object?> { ["distinct"] = column.Distinct, ["threshold"] = threshold, ["topValues"] = column.TopValues?.Take(5).ToList() },
                $"{column.Name} has {column.Distinct:N0} distinct values",
                "group rare levels into 'other', or encode by frequency or target mean; ask whether a coarser grouping exists",
                AskRoles.DomainExpert));
}
