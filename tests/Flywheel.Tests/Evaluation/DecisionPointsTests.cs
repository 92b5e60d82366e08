using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;

namespace Flywheel.Tests.Evaluation;

/// <summary>The decision explorer's pricing at a point: hand-computed cases, and row-by-row agreement with DecisionRule and DecisionPolicy.</summary>
public class DecisionPointsTests
{
    private static readonly BinaryOutcomeValues Prices = new(TruePositive: 100, FalsePositive: -20, FalseNegative: -50, TrueNegative: 0, "JPY");
    private static readonly DecisionOptions WithReview = new(VolumePerDay: 1000, Review: new ReviewOptions(CostPerItem: 10, MinutesPerItem: 6, HoursPerPersonPerDay: 8));

    // Eight rows, four positives: (0.1 n) (0.2 p) (0.3 n) (0.4 n) (0.6 p) (0.7 n) (0.8 p) (0.9 p).
    private static readonly double[] Scores = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9];
    private static readonly bool[] Labels = [false, true, false, false, true, false, true, true];

    private static DecisionPoints Rows => DecisionPoints.Of(new BinaryPredictions(Labels, Scores));

    [Fact]
    public void A_band_below_the_threshold_reviews_its_rows_and_prices_them_at_the_correct_outcome_minus_the_review()
    {
        var point = Rows.At(new DecisionRule(0.5, 0.35, 0.65), Prices, WithReview, "no", "yes");
        // Reviewed 0.4 n and 0.6 p; positive 0.7 n, 0.8 p, 0.9 p; negative 0.1 n, 0.2 p, 0.3 n.
        Assert.Equal([[2L, 1, 1], [1L, 1, 2]], point.Matrix.Counts.Select(row => row.ToArray()).ToArray());
        Assert.Equal(["no", "review", "yes"], point.Matrix.Decided);
        // (2·100 + (100 − 10) − 50 + (−20) + (0 − 10) + 2·0) / 8 = 210 / 8
        Assert.Equal(26.25, point.ValuePerItem, 1e-12);
        Assert.Equal(26_250, point.ValuePerDay!.Value, 1e-9);
        Assert.Equal(0.25, point.ReviewShare, 1e-12);
        Assert.Equal(0.75, point.AutomaticShare, 1e-12);
        // 1000 items × 0.25 × 6 min / 60 = 25 h; ÷ 8 h a person = 3.125 people
        Assert.Equal(25, point.ReviewerHoursPerDay!.Value, 1e-9);
        Assert.Equal(3.125, point.ReviewerPeople!.Value, 1e-12);
        Assert.Equal(0.5, point.Prevalence);
    }

    [Fact]
    public void A_band_above_the_threshold_takes_its_rows_from_the_positives()
    {
        var point = Rows.At(new DecisionRule(0.25, 0.65, 0.85), Prices, WithReview, "no", "yes");
        // Reviewed 0.7 n, 0.8 p; positive 0.3 n, 0.4 n, 0.6 p, 0.9 p; negative 0.1 n, 0.2 p.
        Assert.Equal([[1L, 1, 2], [1L, 1, 2]], point.Matrix.Counts.Select(row => row.ToArray()).ToArray());
        // (2·100 + 90 − 50 + 2·(−20) − 10 + 0) / 8 = 190 / 8
        Assert.Equal(23.75, point.ValuePerItem, 1e-12);
    }

    [Fact]
    public void At_a_deployment_prevalence_each_class_is_weighed_by_its_base_rate()
    {
        var point = Rows.At(new DecisionRule(0.5, 0.35, 0.65), Prices, WithReview with { Prevalence = 0.2 }, "no", "yes");
        // 0.2 · (240 / 4) + 0.8 · (−30 / 4) = 12 − 6
        Assert.Equal(6, point.ValuePerItem, 1e-12);
        Assert.Equal(0.25, point.ReviewShare, 1e-12);
    }

    [Fact]
    public void A_score_at_the_threshold_is_positive_and_at_the_band_upper_end_is_not_reviewed()
    {
        var point = Rows.At(new DecisionRule(0.6, 0.2, 0.6), Prices, WithReview, "no", "yes");
        // Reviewed 0.2 p, 0.3 n, 0.4 n ([0.2, 0.6)); 0.6 p is positive; 0.1 n negative.
        Assert.Equal([[1L, 2, 1], [0L, 1, 3]], point.Matrix.Counts.Select(row => row.ToArray()).ToArray());
    }

    [Fact]
    public void Without_review_prices_a_band_is_refused_naming_the_field()
    {
        var error = Assert.Throws<InputException>(() => Rows.At(new DecisionRule(0.5, 0.3, 0.5), Prices, new DecisionOptions(), "no", "yes"));
        Assert.Equal("reviewLower", error.File);
    }

    [Fact]
    public void Every_point_equals_the_rule_applied_row_by_row_and_the_policy_report()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = random.Next(1, 60);
            // Scores on a coarse grid, so thresholds and band ends meet ties.
            var scores = Enumerable.Range(0, n).Select(_ => random.Next(0, 11) / 10.0).ToArray();
            var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.4).ToArray();
            if (!labels.Contains(true) || !labels.Contains(false)) continue;
            var threshold = random.Next(0, 11) / 10.0;
            var (a, b) = (random.Next(0, 11) / 10.0, random.Next(0, 11) / 10.0);
            var rule = random.Next(3) == 0 ? new DecisionRule(threshold) : new DecisionRule(threshold, Math.Min(a, b), Math.Max(a, b));
            var point = DecisionPoints.Of(new BinaryPredictions(labels, scores)).At(rule, Prices, WithReview, "no", "yes");

            var decisions = scores.Select(rule.Decide).ToArray();
            Assert.Equal(BinaryPricing.Price(labels, decisions, Prices, WithReview).ValuePerItem(), point.ValuePerItem, 1e-9);
            var matrix = BinaryPricing.Matrix("model", labels, decisions, "no", "yes", withReview: true);
            Assert.Equal(matrix.Counts.Select(r => r.ToArray()).ToArray(), point.Matrix.Counts.Select(r => r.ToArray()).ToArray());

            // A band ending at the threshold is what training chooses: the policy's own report agrees.
            var band = new ReviewBand(Math.Min(a, threshold), threshold);
            var report = DecisionPolicy.Fixed(threshold, Prices, WithReview, band).Evaluate(labels, scores);
            var atBand = DecisionPoints.Of(new BinaryPredictions(labels, scores)).At(DecisionRule.Binary(threshold, band), Prices, WithReview, "no", "yes");
            Assert.Equal(report.ValuePerItem, atBand.ValuePerItem, 1e-9);
            Assert.Equal(report.ReviewRate, atBand.ReviewShare, 1e-12);
            Assert.Equal(report.ReviewerPeople!.Value, atBand.ReviewerPeople!.Value, 1e-9);
        }
    }
}
