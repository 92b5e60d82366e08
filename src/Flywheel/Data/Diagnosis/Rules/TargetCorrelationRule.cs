using Flywheel.Data.Profiling;
using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>
/// Features associated with the target: Pearson's r for numeric pairs, the correlation ratio η for a categorical
/// and a numeric column, bias-corrected Cramér's V for two categorical columns. Strong ones below the leakage
/// level are reported as signal to confirm; if none reaches the threshold, the strongest is reported as what was
/// measured (info): univariate associations do not predict what a model combining the columns can do.
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
            // One column at a time says little about what a model can do with several together: report what was
            // measured, not a forecast of a weak model.
            var best = associations[0];
            yield return new Finding("target_correlation", Severity.Info, [best.Left], Evidence(best),
                $"no single column is strongly associated with {target.Name} (max {Maximum(best)} = {Math.Abs(best.Value):0.###}, {best.Left}; " +
                $"the threshold is {threshold}); models may still combine them",
                "let the model search measure what the columns achieve together; if the score disappoints, ask which other information drives the outcome",
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

    private static string Maximum(Association association) => association.Measure == AssociationMeasure.Pearson ? "|r|" : Symbol(association.Measure);

    private static string Symbol(AssociationMeasure measure) => measure switch
    {
        AssociationMeasure.Pearson => "r",
        AssociationMeasure.CramersV => "Cramér's V",
        _ => "η",
    };
}
