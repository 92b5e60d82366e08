using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Decisions;

/// <summary>A rule step's 1/0 scores on the rows the policy is chosen on and on the test rows.</summary>
public sealed record RuleScores(string Step, string Text, IReadOnlyList<double> Choice, IReadOnlyList<double> Test);

/// <summary>The decision rule to serve, and the priced decision on the test rows and on the rows it was chosen on.</summary>
public sealed record DecisionOutcome(DecisionRule Rule, DecisionReport Test, DecisionReport Choice);

/// <summary>
/// The whole decision analysis of one model, per task: choose the model's policy (threshold and review band,
/// multiclass floor; none for regression) on the choice rows — the validation split or out-of-fold predictions,
/// never the test split — price the non-ML alternatives on the same rows with the same prices, choose the best of
/// the model and the alternatives there, and report everything on test with the value the model adds over the best
/// alternative and its 90% bootstrap interval.
/// </summary>
public static class DecisionAnalysis
{
    public static DecisionOutcome Binary(BinaryPredictions choice, string chosenOn, BinaryPredictions test, IReadOnlyList<RuleScores> rules,
        BinaryOutcomeValues outcomes, DecisionOptions options, string negative, string positive, int seed)
    {
        var policy = DecisionPolicy.Optimize(choice.Labels, choice.Scores, outcomes, options);
        var (choiceDecisions, testDecisions) = (policy.Decide(choice.Scores), policy.Decide(test.Scores));
        var alternatives = BinaryPricing.Constant(choice.Labels, test.Labels, outcomes, options)
            .Concat(rules.Select(r => BinaryPricing.Rule(r.Step, r.Text, choice.Labels, r.Choice, test.Labels, r.Test, outcomes, options)))
            .ToList();
        var comparison = DecisionComparison.Compare(
            BinaryPricing.Price(choice.Labels, choiceDecisions, outcomes, options),
            BinaryPricing.Price(test.Labels, testDecisions, outcomes, options),
            alternatives, options.VolumePerDay, seed);

        BinaryDecision[] Chosen(IReadOnlyList<bool> labels, BinaryDecision[] model, Func<RuleScores, IReadOnlyList<double>> scoresOf) => comparison.Policy switch
        {
            DecisionComparison.ModelPolicy => model,
            "act_on_all" => BinaryPricing.Repeat(BinaryDecision.Positive, labels.Count),
            "act_on_none" => BinaryPricing.Repeat(BinaryDecision.Negative, labels.Count),
            var rule => scoresOf(rules.First(r => $"rule:{r.Step}" == rule)).Select(s => s >= 0.5 ? BinaryDecision.Positive : BinaryDecision.Negative).ToArray(),
        };
        var withReview = policy.ReviewBand is not null;
        var economics = Economics.Sentence(outcomes, options.Prevalence ?? choice.Labels.Count(l => l) / (double)choice.Count, positive);
        var testReport = policy.Evaluate(test.Labels, test.Scores) with
        {
            ConfusionMatrix = BinaryPricing.Matrix(comparison.Policy, test.Labels, Chosen(test.Labels, testDecisions, r => r.Test), negative, positive, withReview),
        };
        var choiceReport = policy.Evaluate(choice.Labels, choice.Scores) with
        {
            ConfusionMatrix = BinaryPricing.Matrix(comparison.Policy, choice.Labels, Chosen(choice.Labels, choiceDecisions, r => r.Choice), negative, positive, withReview),
        };
        return Finish(policy.Rule, testReport, choiceReport, comparison, chosenOn, economics, options.VolumePerDay);
    }

    public static DecisionOutcome Multiclass(MulticlassPredictions choice, string chosenOn, MulticlassPredictions test, IReadOnlyList<string> classes,
        MulticlassOutcomeValues values, DecisionOptions options, int seed)
    {
        var floor = ConfidenceReviewPolicy.Optimize(choice, values, options);
        var (choiceDecided, testDecided) = (floor.Decide(choice), floor.Decide(test));
        var alternatives = MulticlassPricing.Constant(choice, test, classes, values, options);
        var comparison = DecisionComparison.Compare(
            MulticlassPricing.Price(choice.Labels, choiceDecided, values, options),
            MulticlassPricing.Price(test.Labels, testDecided, values, options),
            alternatives, options.VolumePerDay, seed);

        int[] Chosen(int rows, int[] model) => comparison.Policy == DecisionComparison.ModelPolicy
            ? model
            : Enumerable.Repeat(Enumerable.Range(0, classes.Count).First(k => $"always:{classes[k]}" == comparison.Policy), rows).ToArray();
        var withReview = floor.Band is not null;
        var testReport = floor.Evaluate(test) with
        {
            ConfusionMatrix = MulticlassPricing.Matrix(comparison.Policy, test.Labels, Chosen(test.Count, testDecided), classes, withReview),
        };
        var choiceReport = floor.Evaluate(choice) with
        {
            ConfusionMatrix = MulticlassPricing.Matrix(comparison.Policy, choice.Labels, Chosen(choice.Count, choiceDecided), classes, withReview),
        };
        return Finish(floor.Rule, testReport, choiceReport, comparison, chosenOn, null, options.VolumePerDay);
    }

    public static DecisionOutcome Regression(RegressionPredictions choice, string chosenOn, RegressionPredictions test, IReadOnlyList<double> trainingTargets,
        RegressionCosts costs, DecisionOptions options, int seed)
    {
        var alternatives = RegressionPricing.Constant(trainingTargets, choice.Labels, test.Labels, costs);
        var comparison = DecisionComparison.Compare(
            RegressionPricing.Price(choice.Labels, choice.Predicted, costs),
            RegressionPricing.Price(test.Labels, test.Predicted, costs),
            alternatives, options.VolumePerDay, seed);
        return Finish(new DecisionRule(Threshold: null), costs.Evaluate(test, options.VolumePerDay), costs.Evaluate(choice, options.VolumePerDay), comparison, chosenOn, null, options.VolumePerDay);
    }

    /// <summary>
    /// A packaged policy on new labelled rows: the alternatives priced on the same rows, and the value the policy adds
    /// over the best of them there. Nothing is re-chosen: the policy stays the package's.
    /// </summary>
    public static DecisionReport OnNewRows(DecisionReport report, PricedRows model, IReadOnlyList<PricedAlternative> alternatives, double? volumePerDay, int seed)
    {
        var comparison = DecisionComparison.Compare(model, model, alternatives, volumePerDay, seed);
        return report with
        {
            ChosenOn = "the model package (not re-chosen on these rows)",
            Alternatives = comparison.Alternatives, ValueAdded = comparison.ValueAdded, ValuePerItemInterval90 = comparison.ValuePerItemInterval90,
        };
    }

    private static DecisionOutcome Finish(DecisionRule rule, DecisionReport test, DecisionReport choice, DecisionComparison comparison, string chosenOn, string? economics, double? volumePerDay)
    {
        var common = (Policy: comparison.Policy, ChosenOn: chosenOn, comparison.Alternatives, Economics: economics);
        return new DecisionOutcome(rule,
            test with
            {
                Policy = common.Policy, ChosenOn = common.ChosenOn, Alternatives = common.Alternatives, Economics = common.Economics,
                ValueAdded = comparison.ValueAdded, ValuePerItemInterval90 = comparison.ValuePerItemInterval90,
            },
            choice with
            {
                Policy = common.Policy, ChosenOn = common.ChosenOn, Alternatives = common.Alternatives, Economics = common.Economics,
                ValueAdded = comparison.ValueAdded is { } added
                    ? added with { PerItem = added.ValidationPerItem, PerDay = added.ValidationPerItem * volumePerDay, Interval90 = [] }
                    : null,
            });
    }
}
