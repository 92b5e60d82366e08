using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

/// <summary>The model's policy judged against deciding without it, on tiny splits computed by hand.</summary>
public class DecisionAnalysisTests
{
    private static readonly BinaryOutcomeValues Churn = new(TruePositive: -500, FalsePositive: -500, FalseNegative: -200_000, TrueNegative: 0, "JPY");
    private static readonly BinaryOutcomeValues Offer = new(TruePositive: 1000, FalsePositive: -300, FalseNegative: -200, TrueNegative: 0, "JPY");

    [Fact]
    public void When_acting_on_all_beats_every_threshold_the_alternative_is_chosen_and_said()
    {
        // The lowest validation score is a leaver: any cut above it misses 200,000; the lowest cut only ties act_on_all.
        var choice = new BinaryPredictions([true, false, true, false], [0.1, 0.4, 0.6, 0.8]);
        var test = new BinaryPredictions([true, false, false, true], [0.05, 0.5, 0.7, 0.9]);
        var outcome = DecisionAnalysis.Binary(choice, "validation", test, [], Churn, new DecisionOptions(VolumePerDay: 100), "no", "yes", seed: 1);
        var d = outcome.Test;

        Assert.Equal("act_on_all", d.Policy);
        Assert.Equal(["act_on_none", "act_on_all"], d.Alternatives!.Select(a => a.Name));
        Near(-100_000, d.Alternatives![0].ValidationValuePerItem); // two leavers missed of four
        Near(-500, d.Alternatives![1].TestValuePerItem);
        // The model's threshold 0.1 misses the test leaver at 0.05: (−200,000 − 3·500) / 4.
        Near(-50_375, d.ValuePerItem);
        Assert.Equal("act_on_all", d.ValueAdded!.Over);
        Near(-50_375 + 500, d.ValueAdded.PerItem);
        Near(-4_987_500, d.ValueAdded.PerDay);
        Near(0, d.ValueAdded.ValidationPerItem);
        Assert.StartsWith("The model does not yet beat acting on everyone: -49,875 JPY per item", DecisionVerdict.Sentence(d));
        // Counts at the chosen decision: everyone is acted on.
        Assert.Equal(["no", "yes"], d.ConfusionMatrix!.Decided);
        Assert.Equal([[0L, 2L], [0L, 2L]], d.ConfusionMatrix.Counts.Select(row => row.ToArray()).ToArray());
    }

    [Fact]
    public void When_the_model_wins_the_value_added_is_the_difference_over_the_best_alternative()
    {
        // Validation: the cut at 0.55 acts on both positives: 2·1000 / 4 = 500; act_on_all 1400 / 4 = 350; act_on_none −400 / 4 = −100.
        var choice = new BinaryPredictions([true, true, false, false], [0.9, 0.8, 0.3, 0.2]);
        // Test at 0.55: two true positives, three true negatives = 2000 / 5 = 400; act_on_all (2000 − 900) / 5 = 220.
        var test = new BinaryPredictions([true, false, true, false, false], [0.7, 0.3, 0.6, 0.1, 0.2]);
        var d = DecisionAnalysis.Binary(choice, "validation", test, [], Offer, new DecisionOptions(VolumePerDay: 10), "no", "yes", seed: 1).Test;

        Assert.Equal("model", d.Policy);
        Near(0.55, d.Threshold);
        Near(400, d.ValuePerItem);
        Assert.Equal("act_on_all", d.ValueAdded!.Over);
        Near(180, d.ValueAdded.PerItem);
        Near(1800, d.ValueAdded.PerDay);
        Near(150, d.ValueAdded.ValidationPerItem);
        Assert.StartsWith("The model adds 180 JPY per item (1,800 JPY/day) over acting on everyone on test", DecisionVerdict.Sentence(d));
        Assert.Equal([[3L, 0L], [0L, 2L]], d.ConfusionMatrix!.Counts.Select(row => row.ToArray()).ToArray());
    }

    [Fact]
    public void A_rule_is_priced_beside_the_model_on_the_same_rows()
    {
        var choice = new BinaryPredictions([true, true, false, false], [0.9, 0.8, 0.3, 0.2]);
        var test = new BinaryPredictions([true, false, true, false, false], [0.7, 0.3, 0.6, 0.1, 0.2]);
        // The rule catches the first positive and one negative on each split.
        var rule = new RuleScores("calls", "calls >= 4", [1, 0, 1, 0], [1, 1, 0, 0, 0]);
        var d = DecisionAnalysis.Binary(choice, "validation", test, [rule], Offer, DecisionOptions.Default, "no", "yes", seed: 1).Test;

        var priced = d.Alternatives!.Single(a => a.Name == "rule:calls");
        Near((1000 - 200 - 300 + 0) / 4.0, priced.ValidationValuePerItem);
        Near((1000 - 300 - 200 + 0 + 0) / 5.0, priced.TestValuePerItem);
        Assert.Equal("act_on_all", d.ValueAdded!.Over); // 350 beats the rule's 125 on validation
    }

    [Fact]
    public void The_bootstrap_interval_is_seeded_and_brackets_the_figure()
    {
        var choice = new BinaryPredictions([true, true, false, false], [0.9, 0.8, 0.3, 0.2]);
        var labels = Enumerable.Range(0, 40).Select(i => i % 3 == 0).ToArray();
        var scores = Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? 0.6 + (i % 5) * 0.05 : 0.1 + (i % 7) * 0.1).ToArray();
        var test = new BinaryPredictions(labels, scores);
        var first = DecisionAnalysis.Binary(choice, "validation", test, [], Offer, DecisionOptions.Default, "no", "yes", seed: 7).Test;
        var again = DecisionAnalysis.Binary(choice, "validation", test, [], Offer, DecisionOptions.Default, "no", "yes", seed: 7).Test;

        Assert.Equal(first.ValueAdded!.Interval90, again.ValueAdded!.Interval90);
        Assert.True(first.ValueAdded.Interval90[0] < first.ValueAdded.Interval90[1], "40 rows of mixed outcomes resample to a spread");
        Assert.InRange(first.ValueAdded.PerItem, first.ValueAdded.Interval90[0], first.ValueAdded.Interval90[1]);
        Assert.InRange(first.ValuePerItem, first.ValuePerItemInterval90![0], first.ValuePerItemInterval90[1]);
    }

    [Fact]
    public void Identical_ways_of_deciding_differ_by_exactly_zero_in_every_resample()
    {
        var rows = new PricedRows([1.0, -2, 3, 5]);
        Assert.Equal([0.0, 0.0], ValueBootstrap.Interval90(rows, rows, seed: 3));
    }

    [Fact]
    public void Percentiles_interpolate_linearly_as_numpy()
    {
        // numpy.percentile([1, 2, 3, 4], [5, 95]) = [1.15, 3.85]
        Near(1.15, ValueBootstrap.Percentile([1.0, 2, 3, 4], 0.05));
        Near(3.85, ValueBootstrap.Percentile([1.0, 2, 3, 4], 0.95));
    }

    [Fact]
    public void Priced_rows_at_a_deployment_base_rate_agree_with_the_policy_report()
    {
        bool[] labels = [true, false, true, false, false, true, false, false];
        double[] scores = [0.9, 0.65, 0.45, 0.35, 0.5, 0.2, 0.1, 0.55];
        var options = new DecisionOptions(Prevalence: 0.014);
        var policy = DecisionPolicy.Fixed(0.5, Churn, options);
        var rows = BinaryPricing.Price(labels, policy.Decide(scores), Churn, options);
        Near(policy.Evaluate(labels, scores).ValuePerItem, rows.ValuePerItem());
    }

    [Fact]
    public void The_economics_sentence_names_the_break_even_risk_of_acting()
    {
        // Acting on a leaver saves 199,500 and costs 500 on a stayer: p* = 500 / (199,500 + 500) = 0.25%.
        Near(0.0025, Economics.BreakEvenRisk(Churn));
        var sentence = Economics.Sentence(Churn, 0.1414, "yes");
        Assert.Contains("above 0.25% risk", sentence);
        Assert.Contains("nearly certain an item is not 'yes'", sentence);
        // Balanced prices: p* = 300 / (1200 + 300) = 20%, near the base rate, so no sentence.
        Near(0.2, Economics.BreakEvenRisk(Offer));
        Assert.Null(Economics.Sentence(Offer, 0.3, "yes"));
    }

    [Fact]
    public void Regression_is_judged_against_the_training_mean_median_and_cheapest_constant()
    {
        // Training targets 1, 2, 3, 4, 10: mean 4, median 3; under costs 3, over 1 → the 75% quantile, 4.
        var costs = new RegressionCosts(UnderPerUnit: 3, OverPerUnit: 1, "JPY");
        var choice = new RegressionPredictions([2.0, 6], [2.5, 5.0]);
        var test = new RegressionPredictions([5.0], [5.5]);
        var d = DecisionAnalysis.Regression(choice, "validation", test, [1.0, 2, 3, 4, 10], costs, DecisionOptions.Default, seed: 1).Test;

        var byName = d.Alternatives!.ToDictionary(a => a.Name);
        Near(-(2 + 6) / 2.0, byName["constant:mean"].ValidationValuePerItem);   // 4 on 2 → over 2; on 6 → under 2·3
        Near(-(1 + 9) / 2.0, byName["constant:median"].ValidationValuePerItem); // 3 on 2 → 1; on 6 → 9
        Near(-3, byName["constant:cost_optimal"].TestValuePerItem);             // 4 on 5 → under 1·3
        // The model: validation (0.5 + 3) / 2 = 1.75 cost; test 0.5 over.
        Assert.Equal("model", d.Policy);
        Assert.Equal("constant:mean", d.ValueAdded!.Over); // ties with cost_optimal; the first listed wins
        Near(-0.5 - (-3), d.ValueAdded.PerItem);
    }

    [Fact]
    public void Multiclass_is_judged_against_every_constant_answer()
    {
        // 10 for a right answer, −5 for a wrong one; the model is right on 3 of 4 validation rows.
        var values = new MulticlassOutcomeValues([[10, -5, -5], [-5, 10, -5], [-5, -5, 10]], "JPY");
        var choice = new MulticlassPredictions([0, 0, 1, 2], [[0.8, 0.1, 0.1], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.5, 0.2, 0.3]]);
        var test = new MulticlassPredictions([0, 1], [[0.9, 0.05, 0.05], [0.1, 0.8, 0.1]]);
        string[] classes = ["a", "b", "c"];
        var d = DecisionAnalysis.Multiclass(choice, "validation", test, classes, values, DecisionOptions.Default, seed: 1).Test;

        Assert.Equal(["always:a", "always:b", "always:c"], d.Alternatives!.Select(a => a.Name));
        Near((10 + 10 - 5 - 5) / 4.0, d.Alternatives![0].ValidationValuePerItem);
        Assert.Equal("model", d.Policy); // (10 + 10 + 10 − 5) / 4 = 6.25 beats 2.5
        Assert.Equal("always:a", d.ValueAdded!.Over);
        Near(10 - (10 - 5) / 2.0, d.ValueAdded.PerItem);
        Assert.Equal(["a", "b", "c"], d.ConfusionMatrix!.Decided);
    }
}
