using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>
/// A feature that alone almost determines the target (|r|, η, Cramér's V or single-feature AUC at or above the
/// threshold) is more often recorded after the outcome than a miracle: it must be confirmed before training.
/// </summary>
public static class LeakageRule
{
    public static DiagnosisRule Definition { get; } = new("leakage", "leakage", "A single feature whose association with the target, or whose AUC alone, reaches the threshold.",
        0.95, [Sources.ColumnKind.Numeric, Sources.ColumnKind.Categorical, Sources.ColumnKind.Boolean], Evaluate);

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold)
    {
        if (context.Target is not { } target) yield break;
        var associations = context.Profile.Associations;
        var suspects = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var association in associations.WithTarget.Where(association => association.Strength >= threshold))
            suspects[association.Left] = TargetCorrelationRule.Evidence(association);
        foreach (var score in associations.TargetSeparation.Where(score => score.Strength >= threshold))
        {
            if (!suspects.TryGetValue(score.Feature, out var evidence)) suspects[score.Feature] = evidence = [];
            // Direction does not matter for leakage: a feature that ranks the classes backwards separates them as well.
            evidence["auc"] = Round(score.Strength);
        }
        foreach (var (feature, evidence) in suspects)
        {
            yield return new Finding("leakage", Severity.Critical, [feature], evidence,
                $"{feature} alone almost determines {target.Name}; is it known before the outcome?",
                "confirm when this value is recorded; drop it if it is filled in after (or because of) the outcome",
                AskRoles.DomainExpert);
        }
    }
}
