using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>Rows repeated in every column: double-counted events, or a join that fanned out.</summary>
public static class DuplicatesRule
{
    public static DiagnosisRule Definition { get; } = new("duplicates", "duplicates", "Share of rows that repeat an earlier row exactly; reported above the threshold.",
        0.0, [], Evaluate);

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold)
    {
        var profile = context.Profile;
        var share = profile.Rows == 0 ? 0 : (double)profile.DuplicateRows / profile.Rows;
        if (profile.DuplicateRows > 0 && share > threshold)
        {
            yield return new Finding("duplicates", share >= 0.01 ? Severity.Warning : Severity.Info, [],
                new Dictionary<string, object?> { ["duplicateRows"] = profile.DuplicateRows, ["rows"] = profile.Rows, ["fraction"] = Round(share) },
                $"{profile.DuplicateRows:N0} rows ({Percent(share)}) repeat an earlier row exactly",
                "find out whether they are real repeats or an extraction error; drop exact copies before splitting, or they leak between train and test",
                AskRoles.DataEngineer);
        }
    }
}
