using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>
/// The target's classes: a rare class (imbalance), classes with too few examples to learn from, and rows without a label.
/// Imbalance is judged against the balanced share 1/k of k classes, so that 20% is rare for two classes but a fair
/// share for five: the rarest class is imbalanced when its share × k is below the threshold (0.4: under 20% for two
/// classes, under 13.3% for three, under 10% for four), critical below a quarter of that (5% for two classes).
/// </summary>
public static class ClassBalanceRules
{
    /// <summary>Below this fraction of the threshold the imbalance is critical (0.4 × 0.25 = 0.1: 5% of two classes).</summary>
    public const double CriticalFraction = 0.25;

    public static DiagnosisRule Imbalance { get; } = new("imbalance", "imbalance",
        "Classification target whose rarest class has less than the threshold times its balanced share 1/k (k classes).",
        0.4, [], EvaluateImbalance);

    public static DiagnosisRule TooFewSamples { get; } = new("too_few_samples", "too_few_samples", "Target classes with fewer examples than the threshold.",
        30, [], EvaluateTooFew);

    public static DiagnosisRule MissingLabels { get; } = new("missing_labels", "missing_labels", "Rows whose target is empty; reported above the threshold share.",
        0.0, [], EvaluateMissingLabels);

    private static IEnumerable<Finding> EvaluateImbalance(DiagnosisContext context, double threshold)
    {
        if (context.Target is not { IsClassification: true, Classes: { Count: >= 2 } classes } target) yield break;
        var labeled = classes.Sum(value => value.Count);
        var rarest = classes.MinBy(value => value.Count)!;
        var share = (double)rarest.Count / labeled;
        // share · k compared in counts (rarest · k against threshold · labeled) keeps the boundary exact.
        var ratio = (double)rarest.Count * classes.Count / labeled;
        if (ratio >= threshold) yield break;
        yield return new Finding("imbalance", ratio < threshold * CriticalFraction ? Severity.Critical : Severity.Warning, [target.Name],
            new Dictionary<string, object?>
            {
                ["classCounts"] = classes.ToDictionary(value => value.Value, value => value.Count),
                ["minorityClass"] = rarest.Value, ["minorityShare"] = Round(share), ["classes"] = classes.Count,
                ["balancedShare"] = Round(1.0 / classes.Count), ["ratio"] = Round(ratio), ["threshold"] = threshold,
            },
            $"{target.Name} is imbalanced: '{rarest.Value}' is {Percent(share)} of labeled rows, against {Percent(1.0 / classes.Count)} if the {classes.Count} classes were balanced",
            "stratify the split, judge models by precision/recall or cost rather than accuracy, and price errors in the decision section",
            AskRoles.DataScientist);
    }

    private static IEnumerable<Finding> EvaluateTooFew(DiagnosisContext context, double threshold)
    {
        if (context.Target is not { IsClassification: true, Classes: { } classes } target) yield break;
        var few = classes.Where(value => value.Count < threshold).ToList();
        if (few.Count == 0) yield break;
        yield return new Finding("too_few_samples", Severity.Critical, [target.Name],
            new Dictionary<string, object?> { ["classCounts"] = few.ToDictionary(value => value.Value, value => value.Count), ["threshold"] = threshold },
            $"{few.Count} class(es) of {target.Name} have fewer than {threshold} examples: {string.Join(", ", few.Select(value => $"'{value.Value}' ({value.Count})"))}",
            "collect or label more examples of these classes, or merge them with a related class",
            AskRoles.DataEngineer);
    }

    private static IEnumerable<Finding> EvaluateMissingLabels(DiagnosisContext context, double threshold)
    {
        if (context.Target is not { } target) yield break;
        var column = context.Profile.Column(target.Name);
        if (column.Missing == 0 || column.MissingFraction <= threshold) yield break;
        yield return new Finding("missing_labels", column.MissingFraction > 0.5 ? Severity.Critical : Severity.Warning, [target.Name],
            new Dictionary<string, object?> { ["missing"] = column.Missing, ["rows"] = column.Rows, ["fraction"] = Round(column.MissingFraction) },
            $"{column.Missing:N0} rows ({Percent(column.MissingFraction)}) have no {target.Name}",
            "label them (the review queue can help) or leave them out of training; ask why they are unlabeled — it may not be at random",
            AskRoles.DomainExpert);
    }
}
