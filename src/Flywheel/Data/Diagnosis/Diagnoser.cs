using Flywheel.Data.Profiling;
using Flywheel.Data.Readiness;

namespace Flywheel.Data.Diagnosis;

/// <summary>The result of a diagnosis: the findings, most severe first, and the readiness level they add up to.</summary>
public sealed record DiagnosisReport(long Rows, int Columns, string? Target, IReadOnlyList<Finding> Findings, ReadinessAssessment Readiness);

public static class Diagnoser
{
    /// <summary>Runs every registered rule on the profile (no further queries) and assesses readiness.</summary>
    public static DiagnosisReport Diagnose(DataProfile profile, DiagnosisOptions? options = null)
    {
        options ??= DiagnosisOptions.Default;
        foreach (var id in options.Thresholds.Keys)
        {
            if (DiagnosisRegistry.Find(id) is null)
                throw new InputException($"no diagnosis rule '{id}'; the rules are: {string.Join(", ", DiagnosisRegistry.All.Select(rule => rule.Id))}");
        }
        var context = new DiagnosisContext(profile);
        var findings = DiagnosisRegistry.All
            .SelectMany((rule, order) => rule.Evaluate(context, options.ThresholdFor(rule)).Select(finding => (finding, order)))
            .OrderByDescending(item => item.finding.Severity)
            .ThenBy(item => item.order)
            .Select(item => item.finding)
            .ToList();
        var readiness = ReadinessAssessor.Assess(profile, findings, options.Declared);
        return new DiagnosisReport(profile.Rows, profile.Columns.Count, profile.Target?.Name, findings, readiness);
    }
}
