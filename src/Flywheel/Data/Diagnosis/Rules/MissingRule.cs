using Flywheel.Data.Sources;
using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>Gaps in feature columns: every gap is reported with its share; above the threshold the column is a candidate to drop.</summary>
public static class MissingRule
{
    // Below this share a gap is a note; from it on, the imputation choice matters.
    private const double NoticeableShare = 0.05;

    public static DiagnosisRule Definition { get; } = new("missing", "missing", "Share of empty cells per feature; above the threshold the column is mostly empty.",
        0.5, Enum.GetValues<ColumnKind>(), Evaluate);

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold)
    {
        foreach (var column in context.Features.Where(column => column.Missing > 0))
        {
            var share = column.MissingFraction;
            var evidence = new Dictionary<string, object?> { ["missing"] = column.Missing, ["rows"] = column.Rows, ["fraction"] = Round(share), ["threshold"] = threshold };
            if (share > threshold)
            {
                yield return new Finding("missing", Severity.Critical, [column.Name], evidence,
                    $"{column.Name} is {Percent(share)} empty, more than the {Percent(threshold)} threshold",
                    "drop the column, or ask why it is empty and collect it properly", AskRoles.DataEngineer);
            }
            else
            {
                yield return new Finding("missing", share >= NoticeableShare ? Severity.Warning : Severity.Info, [column.Name], evidence,
                    $"{column.Name} is {Percent(share)} empty",
                    column.Kind == ColumnKind.Numeric ? "impute (median) and add a was-missing indicator; confirm whether empty means zero" : "impute with an explicit 'missing' level; confirm what empty means",
                    AskRoles.DataEngineer);
            }
        }
    }
}
