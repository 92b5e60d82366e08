using Flywheel.Data.Diagnosis.Rules;

namespace Flywheel.Data.Diagnosis;

/// <summary>Every diagnosis rule, in the order its findings are reported. Adding a rule is adding a file and a line here.</summary>
public static class DiagnosisRegistry
{
    public static IReadOnlyList<DiagnosisRule> All { get; } =
    [
        ClassBalanceRules.MissingLabels,
        LeakageRule.Definition,
        MissingRule.Definition,
        ConstantRule.Definition,
        IdLikeRule.Definition,
        DuplicatesRule.Definition,
        MixedTypesRule.Definition,
        HighCardinalityRule.Definition,
        ClassBalanceRules.Imbalance,
        ClassBalanceRules.TooFewSamples,
        OutliersRule.Definition,
        RedundantPairRules.Numeric,
        RedundantPairRules.Categorical,
        TargetCorrelationRule.Definition,
        WideDataRule.Definition,
    ];

    public static DiagnosisRule? Find(string id) => All.FirstOrDefault(rule => rule.Id == id);
}
