using Flywheel.Data.Diagnosis;
using Flywheel.Data.Profiling;
using Flywheel.UseCases;

namespace Flywheel.Data.Readiness;

/// <summary>
/// Derives the readiness level from what the data shows (is there a target, how many labels are missing, are
/// there critical findings) and from what only the team can declare in flywheel.yaml (<c>data.documented</c>,
/// <c>data.labels</c>). An undeclared fact never raises the level: it is listed as undeclared.
/// </summary>
public static class ReadinessAssessor
{
    public static ReadinessAssessment Assess(DataProfile profile, IReadOnlyList<Finding> findings, DeclaredDataFacts? declared)
    {
        var facts = new List<ReadinessFact>();
        var undeclared = new List<string>();
        var next = new List<string>();

        var target = profile.Target;
        var missingLabels = target is null ? 0 : profile.Column(target.Name).MissingFraction;
        facts.Add(new ReadinessFact("target", target?.Name ?? "none", "data"));
        if (target is not null) facts.Add(new ReadinessFact("labels missing in this file", DiagnosisContext.Percent(missingLabels), "data"));
        var critical = findings.Where(finding => finding.Severity == Severity.Critical).Select(finding => finding.Kind).Distinct().ToList();
        facts.Add(new ReadinessFact("critical findings", critical.Count == 0 ? "none" : string.Join(", ", critical), "data"));

        if (declared?.Labels is { } labels) facts.Add(new ReadinessFact("labels", labels.ToString().ToLowerInvariant(), "declared"));
        else undeclared.Add("labels (data.labels: complete | partial | none)");
        if (declared?.Documented is { } documented) facts.Add(new ReadinessFact("documented", documented ? "yes" : "no", "declared"));
        else undeclared.Add("documented (data.documented: true when every column's meaning is written down)");

        if (target is null || declared?.Labels == LabelCoverage.None)
        {
            next.Add(target is null ? "name the target column (data.target or --target)" : "label the data: decide who labels and how");
            return Result(ReadinessLevel.RawUnlabeled, facts, undeclared, next);
        }

        if (missingLabels > 0) next.Add($"label the {DiagnosisContext.Percent(missingLabels)} of rows without {target.Name}");
        if (declared?.Labels == LabelCoverage.Partial) next.Add("complete the labels (the team declared them partial)");
        if (declared?.Labels is null) next.Add("declare data.labels once you know how complete the labels are");
        if (declared?.Documented != true) next.Add("document what each column means and declare data.documented: true");
        if (critical.Count > 0) next.Add($"resolve the critical findings ({string.Join(", ", critical)})");

        var ready = missingLabels == 0 && declared?.Labels == LabelCoverage.Complete && declared.Documented == true && critical.Count == 0;
        return Result(ready ? ReadinessLevel.Ready : ReadinessLevel.LabeledPartial, facts, undeclared, next);
    }

    private static ReadinessAssessment Result(ReadinessLevel level, List<ReadinessFact> facts, List<string> undeclared, List<string> next) =>
        new(level, (int)level, Describe(level), facts, undeclared, next);

    public static string Describe(ReadinessLevel level) => level switch
    {
        ReadinessLevel.RawUnlabeled => "raw and unlabeled",
        ReadinessLevel.LabeledPartial => "labeled but partial or scattered",
        _ => "labeled, complete and documented",
    };
}
