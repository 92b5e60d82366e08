namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>Says what the profile left out on wide data (pairwise checks capped), so a missing finding is not read as a clean bill.</summary>
public static class WideDataRule
{
    public static DiagnosisRule Definition { get; } = new("wide_data", "wide_data", "Pairwise checks (correlations, redundant pairs) were capped because the data has many columns.",
        0, [], Evaluate);

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold) =>
        context.Profile.Limits.Select(limit => new Finding("wide_data", Severity.Info, [], new Dictionary<string, object?> { ["columns"] = context.Profile.Columns.Count },
            $"wide data: {limit}", "select the columns that matter (data.drop) to check every pair", AskRoles.DataScientist));
}
