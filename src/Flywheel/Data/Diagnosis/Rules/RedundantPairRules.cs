using Flywheel.Data.Sources;
using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>Pairs of features that say the same thing: |Pearson r| between numeric features, bias-corrected Cramér's V between categorical ones.</summary>
public static class RedundantPairRules
{
    public static DiagnosisRule Numeric { get; } = new("redundant_numeric", "redundant_pair", "Numeric feature pairs with |Pearson r| above the threshold.",
        0.8, [ColumnKind.Numeric], EvaluateNumeric);

    public static DiagnosisRule Categorical { get; } = new("redundant_categorical", "redundant_pair", "Categorical feature pairs with Cramér's V above the threshold.",
        0.5, [ColumnKind.Categorical, ColumnKind.Boolean], EvaluateCategorical);

    private const string Action = "keep one of the pair (or combine them); ask whether one is derived from the other";

    private static IEnumerable<Finding> EvaluateNumeric(DiagnosisContext context, double threshold)
    {
        var associations = context.Profile.Associations;
        var names = associations.NumericColumns;
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                if (names[i] == context.Target?.Name || names[j] == context.Target?.Name) continue;
                if (associations.Pearson[i][j] is not { } r || Math.Abs(r) <= threshold) continue;
                yield return new Finding("redundant_pair", Math.Abs(r) >= 0.99 ? Severity.Warning : Severity.Info, [names[i], names[j]],
                    new Dictionary<string, object?> { ["measure"] = "pearson", ["value"] = Round(r), ["threshold"] = threshold },
                    $"{names[i]} and {names[j]} move together: r = {r:0.###}", Action, AskRoles.DataAnalyst);
            }
        }
    }

    private static IEnumerable<Finding> EvaluateCategorical(DiagnosisContext context, double threshold) =>
        context.Profile.Associations.CategoricalPairs.Where(pair => pair.Value > threshold).Select(pair =>
            new Finding("redundant_pair", pair.Value >= 0.99 ? Severity.Warning : Severity.Info, [pair.Left, pair.Right],
                new Dictionary<string, object?> { ["measure"] = "cramers_v", ["value"] = Round(pair.Value), ["threshold"] = threshold, ["n"] = pair.N },
                $"{pair.Left} and {pair.Right} are strongly associated: Cramér's V = {pair.Value:0.###}", Action, AskRoles.DataAnalyst));
}
