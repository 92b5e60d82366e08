using Flywheel.Data.Profiling;
using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>
/// Features associated with the target: Pearson's r for numeric pairs, the correlation ratio η for a categorical
/// and a numeric column, bias-corrected Cramér's V for two categorical columns. Strong ones below the leakage
/// level are reported as signal to confirm; if none reaches the threshold, that itself is a finding.
/// </summary>
public static class TargetCorrelationRule
{
    public static DiagnosisRule Definition { get; } = new("target_correlation", "target_correlation", "Features whose association with the target (|r|, η or Cramér's V) reaches the threshold.",
        0.3, [Sources.ColumnKind.Numeric, Sources.ColumnKind.Categorical, Sources.ColumnKind.Boolean], Evaluate);

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold)
    {
        if (context.Target is not { } target) yield break;
        var leakage = LeakageRule.Definition.DefaultThreshold;
        var associations = context.Profile.Associations.WithTarget;
        var strong = associations.Where(association => association.Strength >= threshold && association.Strength < leakage).ToList();
        foreach (var association in strong)
        {
            yield return new Finding("target_correlation", Severity.Info, [association.Left],
                Evidence(association),
                $"{association.Left} is associated with {target.Name}: {Describe(association)}",
                "a useful signal; confirm with the domain expert that it is known at prediction time and why it relates",
                AskRoles.DomainExpert);
        }
        if (associations.Count > 0 && associations.All(association => association.Strength < threshold))
        {
            var best = associations[0];
            yield return new Finding("target_correlation", Severity.Warning, [best.Left], Evidence(best),
                $"no feature is associated with {target.Name} at {threshold} or more (strongest: {best.Left}, {Describe(best)})",
                "ask which other information drives the outcome and whether it can be collected; expect a weak model from these features alone",
                AskRoles.DomainExpert);
        }
    }

    public static Dictionary<string, object?> Evidence(Association association) => new()
    {
        ["measure"] = MeasureName(association.Measure),
        ["value"] = Round(association.Value),
        ["n"] = association.N,
    };

    public static string Describe(Association association) => $"{Symbol(association.Measure)} = {association.Value:0.###}";

    public static string MeasureName(AssociationMeasure measure) => measure switch
    {
        AssociationMeasure.Pearson => "pearson",
        AssociationMeasure.CramersV => "cramers_v",
        _ => "correlation_ratio",
    };

    private static string Symbol(AssociationMeasure measure) => measure switch
    {
        AssociationMeasure.Pearson => "r",
        AssociationMeasure.CramersV => "Cramér's V",
        _ => "η",
    };
}
