using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class DecisionPolicyTests
{
    private static readonly BinaryOutcomeValues Churn = new(TruePositive: -500, FalsePositive: -500, FalseNegative: -200_000, TrueNegative: 0, "JPY");

    [Fact]
    public void Value_of_the_issue_confusion_matrix()
    {
        var counts = new BinaryConfusion(TrueNegative: 236, FalsePositive: 17, FalseNegative: 9, TruePositive: 238);
        Assert.Equal(-1_927_500, Churn.TotalValue(counts), 1e-9);
        Assert.Equal(-3_855, Churn.ValuePerItem(counts), 1e-9);
    }

    [Fact]
    public void Prior_shift_weighs_the_class_rates_by_the_deployment_base_rate()
    {
        var counts = new BinaryConfusion(TrueNegative: 236, FalsePositive: 17, FalseNegative: 9, TruePositive: 238);
        // 0.014·(238/247·(−500) + 9/247·(−200000)) + 0.986·(17/253·(−500) + 236/253·0)
        Near(-141.89571298266952, Churn.ValuePerItem(counts, 0.014));
        // At the rows' own base rate (247/500) the prior-shift formula gives the plain average.
        Near(-3_855, Churn.ValuePerItem(counts, 247 / 500.0));
    }

    // Validation rows: 12, 5 positives; three scores tie at 0.5 (one positive).
    private static readonly bool[] ValidationLabels = [true, true, false, true, false, false, true, false, false, false, true, false];
    private static readonly double[] ValidationScores = [0.95, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.5, 0.5];
    private static readonly BinaryOutcomeValues Offer = new(TruePositive: 1000, FalsePositive: -300, FalseNegative: -200, TrueNegative: 0, "JPY");
    private static readonly ReviewOptions Review = new(CostPerItem: 100, MinutesPerItem: 3, HoursPerPersonPerDay: 7.5);

    private static readonly bool[] TestLabels = [true, false, true, false, false, true, false, false];
    private static readonly double[] TestScores = [0.9, 0.65, 0.45, 0.35, 0.5, 0.2, 0.1, 0.55];

    [Fact]
    public void Threshold_maximizes_value_on_validation()
    {
        // Cut between 0.2 and 0.3: TP 5, FP 4, FN 0, TN 3 → (5·1000 − 4·300) / 12 = 316.67 (brute force over every cut agrees).
        var policy = DecisionPolicy.Optimize(ValidationLabels, ValidationScores, Offer);
        Assert.Equal(0.25, policy.Threshold, 1e-12);
        Assert.Null(policy.ReviewBand);
        Near(3800 / 12.0, policy.ValidationValuePerItem);
    }

    [Fact]
    public void Threshold_moves_with_the_deployment_prevalence()
    {
        // At π′ = 0.1 false positives weigh more: the best cut is between 0.7 and 0.8 (value 28.0 per item).
        var policy = DecisionPolicy.Optimize(ValidationLabels, ValidationScores, Offer, new DecisionOptions(Prevalence: 0.1));
        Assert.Equal(0.75, policy.Threshold, 1e-12);
        Near(28.0, policy.ValidationValuePerItem);
    }

    [Fact]
    public void Review_band_is_optimized_with_the_threshold()
    {
        // [0.25, 0.75) reviewed: TP 2 (0.95, 0.8), reviewed 3 positives (worth 1000 − 100) and 4 negatives (0 − 100), TN 3:
        // (2000 + 2700 − 400) / 12 = 358.33 per item, better than the best threshold alone (316.67).
        var policy = DecisionPolicy.Optimize(ValidationLabels, ValidationScores, Offer, new DecisionOptions(Review: Review));
        Assert.Equal(0.75, policy.Threshold, 1e-12);
        Assert.NotNull(policy.ReviewBand);
        Assert.Equal(0.25, policy.ReviewBand!.Lower, 1e-12);
        Assert.Equal(0.75, policy.ReviewBand.Upper, 1e-12);
        Near(4300 / 12.0, policy.ValidationValuePerItem);
    }

    [Fact]
    public void Policy_chosen_on_validation_is_reported_on_test()
    {
        var policy = DecisionPolicy.Optimize(ValidationLabels, ValidationScores, Offer, new DecisionOptions(VolumePerDay: 3000, Review: Review));
        var report = policy.Evaluate(TestLabels, TestScores);

        // Test: 0.9(+) auto TP; 0.65(−), 0.45(+), 0.35(−), 0.5(−), 0.55(−) reviewed; 0.2(+) FN; 0.1(−) TN.
        Assert.Equal(new BinaryConfusion(TrueNegative: 1, FalsePositive: 0, FalseNegative: 1, TruePositive: 1), report.Confusion);
        Assert.Equal(5, report.ReviewedItems);
        Near(1300 / 8.0, report.ValuePerItem);            // (1000 + 900 − 200 − 4·100) / 8 = 162.5
        Near(162.5 * 3000, report.ValuePerDay);
        Near(5 / 8.0, report.ReviewRate);
        Near(3 / 8.0, report.AutomaticRate);
        Near(93.75, report.ReviewerHoursPerDay);           // 3000 · 5/8 · 3 min / 60
        Near(12.5, report.ReviewerPeople);                 // 93.75 h/day ÷ 7.5 h per person
        Near(-37.5, report.ValuePerItemAtHalf);            // 0.5 rule: TP 1, FP 3, FN 2, TN 2 → (1000 − 900 − 400) / 8
        Near(3 / 8.0, report.Prevalence);
        Near(4300 / 12.0, report.ValidationValuePerItem);
        Assert.Equal("JPY", report.Currency);
    }

    [Fact]
    public void Test_report_at_a_deployment_prevalence()
    {
        var policy = DecisionPolicy.Optimize(ValidationLabels, ValidationScores, Offer, new DecisionOptions(Review: Review));
        var shifted = DecisionPolicy.Fixed(policy.Threshold, Offer, new DecisionOptions(Prevalence: 0.1, Review: Review), policy.ReviewBand);
        var report = shifted.Evaluate(TestLabels, TestScores);
        // Positives (3): 1000 + 900 − 200 = 1700; negatives (5): 4·(−100) = −400 → 0.1·1700/3 + 0.9·(−400/5).
        Near(-15.333333333333336, report.ValuePerItem);
        Near(0.7533333333333334, report.ReviewRate);       // 0.1·1/3 + 0.9·4/5
        Assert.Null(report.ValuePerDay);
        Assert.Null(report.ReviewerPeople);
    }

    [Fact]
    public void Optimum_equals_a_brute_force_search_over_every_band()
    {
        var rng = new Random(1729);
        var labels = Enumerable.Range(0, 60).Select(_ => rng.NextDouble() < 0.3).ToArray();
        var scores = labels.Select(l => Math.Round(Math.Clamp((l ? 0.62 : 0.38) + (rng.NextDouble() - 0.5) * 0.8, 0, 1), 2)).ToArray();
        var options = new DecisionOptions(Review: Review);
        var policy = DecisionPolicy.Optimize(labels, scores, Offer, options);

        var candidates = scores.Distinct().Order().SelectMany(s => new[] { s, s + 0.005 }).Append(double.PositiveInfinity).Prepend(0.0).ToArray();
        var best = double.NegativeInfinity;
        foreach (var lower in candidates)
        {
            foreach (var upper in candidates.Where(u => u >= lower))
            {
                var band = lower < upper ? new ReviewBand(lower, upper) : null;
                var value = DecisionPolicy.Fixed(upper, Offer, options, band).Evaluate(labels, scores).ValuePerItem;
                best = Math.Max(best, value);
            }
        }
        Near(best, policy.ValidationValuePerItem);
        Near(best, policy.Evaluate(labels, scores).ValuePerItem);
    }

    [Fact]
    public void Thinning_the_cut_points_keeps_the_extremes_and_bounds_the_search()
    {
        var labels = Enumerable.Range(0, 2000).Select(i => i % 3 == 0).ToArray();
        var scores = Enumerable.Range(0, 2000).Select(i => ((i * 7919) % 2000) / 2000.0).ToArray();
        var policy = DecisionPolicy.Optimize(labels, scores, Offer, new DecisionOptions(Review: Review, MaxCutPoints: 50));
        Assert.NotNull(policy.ValidationValuePerItem);
        // Reviewing everything is always a candidate: (1000 − 100)·⅓ + (−100)·⅔ ≈ 233.3 per item is a floor.
        Assert.True(policy.ValidationValuePerItem >= (900 * 667 - 100 * 1333) / 2000.0 - 1e-9);
    }

    [Fact]
    public void A_policy_decides_scores_by_band_and_threshold()
    {
        var policy = DecisionPolicy.Fixed(0.7, Offer, new DecisionOptions(Review: Review), new ReviewBand(0.4, 0.7));
        Assert.Equal(BinaryDecision.Negative, policy.Decide(0.39));
        Assert.Equal(BinaryDecision.Review, policy.Decide(0.4));
        Assert.Equal(BinaryDecision.Review, policy.Decide(0.69));
        Assert.Equal(BinaryDecision.Positive, policy.Decide(0.7));
    }

    [Fact]
    public void Pricing_at_a_prevalence_needs_both_classes_in_validation()
    {
        var error = Assert.Throws<InputException>(() =>
            DecisionPolicy.Optimize([false, false], [0.2, 0.4], Offer, new DecisionOptions(Prevalence: 0.1)));
        Assert.Contains("validation rows have no positives", error.Message);
        var policy = DecisionPolicy.Fixed(0.5, Offer, new DecisionOptions(Prevalence: 0.1));
        Assert.Contains("test rows have no negatives", Assert.Throws<InputException>(() => policy.Evaluate([true], [0.7])).Message);
    }

    [Fact]
    public void A_band_without_review_options_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DecisionPolicy.Fixed(0.7, Offer, reviewBand: new ReviewBand(0.4, 0.7)));
    }

    [Fact]
    public void Multiclass_value_from_the_matrix_of_argmax_predictions()
    {
        var predictions = new MulticlassPredictions([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], classCount: 3);
        var values = new MulticlassOutcomeValues([[10, -5, -5], [-20, 30, 0], [-1, -1, 50]], "USD");
        var report = values.Evaluate(predictions, volumePerDay: 100);
        Near((10 - 5 + 30 + 50 - 1) / 5.0, report.ValuePerItem); // 16.8
        Near(1680, report.ValuePerDay);
        Assert.Equal("multiclass", report.Kind);
    }

    private static readonly MulticlassOutcomeValues MistakeCosts100 = new([[0, -100, -100], [-100, 0, -100], [-100, -100, 0]], "JPY");

    [Fact]
    public void Multiclass_review_floor_is_chosen_on_validation_and_priced_on_test()
    {
        // Top-class probabilities 0.9 ✓, 0.5 ✗, 0.7 ✓, 0.45 ✓, 0.6 ✓; a review costs 10 JPY and 5 minutes.
        var validation = new MulticlassPredictions([0, 1, 2, 0, 1],
            [[0.9, 0.05, 0.05], [0.5, 0.4, 0.1], [0.1, 0.2, 0.7], [0.45, 0.35, 0.2], [0.2, 0.6, 0.2]]);
        var options = new DecisionOptions(VolumePerDay: 80, Review: new ReviewOptions(10, 5));
        var policy = ConfidenceReviewPolicy.Optimize(validation, MistakeCosts100, options);
        // Reviewing the two least sure rows (0.45 and the wrong 0.5): (0 − 100 + 100 − 2·10) / 5 = −4, the best of
        // −20 (none), −22 (one), −6, −8, −10 (three to five); the floor sits between 0.5 and 0.6.
        Near(0.55, policy.Floor);
        Near(-4, policy.ValidationValuePerItem);

        // Test: 0.4 ✓ and 0.52 ✓ are reviewed (−10 each), 0.7 ✗ costs 100, 0.8 ✓ is free: −120 / 4.
        var test = new MulticlassPredictions([2, 0, 1, 0], [[0.3, 0.3, 0.4], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.52, 0.48, 0]]);
        var report = policy.Evaluate(test);
        Near(-30, report.ValuePerItem);
        Near(-2400, report.ValuePerDay);
        Near(0.5, report.ReviewRate);
        Assert.Equal(2, report.ReviewedItems);
        Assert.Equal(new ReviewBand(0, 0.55), report.ReviewBand);
        Near(80 * 0.5 * 5 / 60.0, report.ReviewerHoursPerDay); // 3.33 hours
        Near(80 * 0.5 * 5 / 60.0 / 7.5, report.ReviewerPeople);
    }

    [Fact]
    public void Without_review_options_the_multiclass_policy_is_plain_argmax()
    {
        var rows = new MulticlassPredictions([0, 1, 2], [[0.4, 0.3, 0.3], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6]]);
        var policy = ConfidenceReviewPolicy.Optimize(rows, MistakeCosts100);
        Assert.Equal(0, policy.Floor);
        var report = policy.Evaluate(rows);
        Near(MistakeCosts100.Evaluate(rows).ValuePerItem, report.ValuePerItem); // one mistake in three
        Near(-100 / 3.0, report.ValuePerItem);
        Assert.Null(report.ReviewBand);
        Assert.Equal(0, report.ReviewRate);
    }

    [Fact]
    public void Rows_sharing_a_probability_are_reviewed_together()
    {
        // Two rows at 0.5, one right and one wrong: reviewing only the wrong one is not a policy a floor can express.
        var rows = new MulticlassPredictions([0, 1, 2], [[0.5, 0.3, 0.2], [0.5, 0.3, 0.2], [0.1, 0.1, 0.8]]);
        var policy = ConfidenceReviewPolicy.Optimize(rows, MistakeCosts100, new DecisionOptions(Review: new ReviewOptions(10, 1)));
        // Both reviewed: (−10 −10 + 0) / 3 beats none reviewed: −100 / 3.
        Near((0.5 + 0.8) / 2, policy.Floor);
        Near(-20 / 3.0, policy.ValidationValuePerItem);
    }

    [Fact]
    public void Regression_cost_is_asymmetric_per_unit()
    {
        var costs = new RegressionCosts(UnderPerUnit: 120, OverPerUnit: 40, "JPY");
        var report = costs.Evaluate(new RegressionPredictions([10, 10, 5], [7, 12, 5]));
        Near(-(120 * 3 + 40 * 2) / 3.0, report.ValuePerItem); // under by 3, over by 2, exact
    }
}

public class CutPointTests
{
    [Fact]
    public void Cut_points_lie_between_distinct_scores_with_counts_below()
    {
        var cuts = Flywheel.Evaluation.Decisions.CutPoints.Of([true, false, false, true, true], [0.2, 0.2, 0.4, 0.8, 0.6]);
        Assert.Equal(new[] { 0.2, 0.30000000000000004, 0.5, 0.7, double.PositiveInfinity }, cuts.Cuts);
        Assert.Equal(new long[] { 0, 1, 1, 2, 3 }, cuts.PositivesBelow);
        Assert.Equal(new long[] { 0, 1, 2, 2, 2 }, cuts.NegativesBelow);
    }

    [Fact]
    public void Thinning_picks_row_quantiles_and_keeps_both_ends()
    {
        // 100 rows: 90 share the score 0.1, then ten distinct scores. Quantiles of rows, not of distinct scores:
        // 0/4·100 → the lowest cut, 25, 50 and 75 rows below → the first cut above the tie (90 rows below), 100 → +∞.
        var scores = Enumerable.Repeat(0.1, 90).Concat(Enumerable.Range(1, 10).Select(i => 0.1 + i / 100.0)).ToArray();
        var labels = scores.Select((_, i) => i % 2 == 0).ToArray();
        var thin = Flywheel.Evaluation.Decisions.CutPoints.Of(labels, scores).Thinned(5);
        Assert.Equal(3, thin.Count);
        Assert.Equal(0.1, thin.Cuts[0]);
        Assert.Equal(90, thin.PositivesBelow[1] + thin.NegativesBelow[1]);
        Assert.True(double.IsPositiveInfinity(thin.Cuts[^1]));
    }
}
