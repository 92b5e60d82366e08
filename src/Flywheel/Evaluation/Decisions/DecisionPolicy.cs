using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Decisions;

/// <summary>What a policy does with one item.</summary>
public enum BinaryDecision { Negative, Positive, Review }

/// <summary>
/// A binary decision rule priced in money: scores at or above <see cref="Threshold"/> are positive, scores in the
/// optional <see cref="ReviewBand"/> [Lower, Upper = Threshold) go to a person, the rest are negative.
/// Chosen on validation rows with <see cref="Optimize"/>, reported on test rows with <see cref="Evaluate"/>; a policy
/// never changes once made, so the test split cannot tune it.
/// </summary>
public sealed class DecisionPolicy
{
    private DecisionPolicy(double threshold, ReviewBand? reviewBand, BinaryOutcomeValues outcomes, DecisionOptions options, double? validationValuePerItem)
    {
        if (reviewBand is not null && options.Review is null)
            throw new ArgumentException("a review band needs review options (cost and minutes per item)");
        if (reviewBand is not null && !(reviewBand.Lower <= reviewBand.Upper && reviewBand.Upper == threshold))
            throw new ArgumentException($"review band [{reviewBand.Lower}, {reviewBand.Upper}) must end at the threshold {threshold}");
        Threshold = threshold;
        ReviewBand = reviewBand;
        Outcomes = outcomes;
        Options = options;
        ValidationValuePerItem = validationValuePerItem;
    }

    public double Threshold { get; }
    public ReviewBand? ReviewBand { get; }
    public BinaryOutcomeValues Outcomes { get; }
    public DecisionOptions Options { get; }

    /// <summary>Value per item on the validation rows the policy was chosen on; null for a fixed policy.</summary>
    public double? ValidationValuePerItem { get; }

    /// <summary>
    /// The threshold — and, when <see cref="DecisionOptions.Review"/> is set, the review band together with it — that
    /// maximizes expected value per item on the validation rows, at <see cref="DecisionOptions.Prevalence"/> when set.
    /// Candidates are cut points between distinct validation scores (all of them for the threshold alone; at most
    /// <see cref="DecisionOptions.MaxCutPoints"/> quantiles for the band, every pair tried). Among equal values the
    /// lower review rate, then the lower cut, wins. With a prevalence set, validation rows lacking a class it weighs
    /// are an <see cref="InputException"/> (the split is too small or not stratified).
    /// </summary>
    public static DecisionPolicy Optimize(IReadOnlyList<bool> validationLabels, IReadOnlyList<double> validationScores, BinaryOutcomeValues outcomes, DecisionOptions? options = null)
    {
        options ??= DecisionOptions.Default;
        var rows = new BinaryPredictions(validationLabels, validationScores); // validates lengths and scores
        var cuts = CutPoints.Of(rows.Labels, rows.Scores);
        RequireClassesFor(options.Prevalence, cuts.Positives, cuts.Negatives, "validation");
        var prevalence = options.Prevalence ?? (double)cuts.Positives / (cuts.Positives + cuts.Negatives);

        var reviewCost = options.Review?.CostPerItem ?? 0;
        if (options.Review is not null) cuts = cuts.Thinned(Math.Max(2, options.MaxCutPoints));
        (int Lower, int Upper, double Value, double ReviewRate) best = (0, 0, double.NegativeInfinity, 0);
        for (var lower = 0; lower < cuts.Count; lower++)
        {
            var lastUpper = options.Review is null ? lower : cuts.Count - 1;
            for (var upper = lower; upper <= lastUpper; upper++)
            {
                var counts = cuts.CountsOf(lower, upper);
                var value = counts.ValuePerItem(outcomes, reviewCost, prevalence);
                var reviewRate = counts.ReviewRate(prevalence);
                if (value > best.Value || (value == best.Value && reviewRate < best.ReviewRate))
                    best = (lower, upper, value, reviewRate);
            }
        }
        var threshold = cuts.Cuts[best.Upper];
        var band = best.Lower < best.Upper ? new ReviewBand(cuts.Cuts[best.Lower], threshold) : null;
        return new DecisionPolicy(threshold, band, outcomes, options, best.Value);
    }

    /// <summary>A policy with a given threshold (and band), e.g. the plain 0.5 rule or one loaded from a model package.</summary>
    public static DecisionPolicy Fixed(double threshold, BinaryOutcomeValues outcomes, DecisionOptions? options = null, ReviewBand? reviewBand = null) =>
        new(threshold, reviewBand, outcomes, options ?? DecisionOptions.Default, null);

    /// <summary>The decision rule this policy serves with: the same <see cref="DecisionRule.Decide(double)"/> everywhere.</summary>
    public DecisionRule Rule => DecisionRule.Binary(Threshold, ReviewBand);

    public BinaryDecision Decide(double score) => Rule.Decide(score);

    /// <summary>Each row's decision.</summary>
    public BinaryDecision[] Decide(IReadOnlyList<double> scores)
    {
        var rule = Rule;
        return scores.Select(rule.Decide).ToArray();
    }

    /// <summary>
    /// Prices this policy on labelled rows (the test split): value per item (at the deployment prevalence when set),
    /// per day, review and automatic shares, reviewer hours and people, and the plain 0.5 rule's value for comparison.
    /// With a prevalence set, rows lacking a class are an <see cref="InputException"/>.
    /// </summary>
    public DecisionReport Evaluate(IReadOnlyList<bool> testLabels, IReadOnlyList<double> testScores)
    {
        var rows = new BinaryPredictions(testLabels, testScores);
        var counts = CountDecisions(rows);
        RequireClassesFor(Options.Prevalence, counts.Positives, counts.Negatives, "test");
        var prevalence = Options.Prevalence ?? (double)counts.Positives / rows.Count;
        var valuePerItem = counts.ValuePerItem(Outcomes, Options.Review?.CostPerItem ?? 0, prevalence);
        var reviewRate = counts.ReviewRate(prevalence);
        var atHalf = Fixed(0.5, Outcomes, Options with { Review = null }).CountDecisions(rows).ValuePerItem(Outcomes, 0, prevalence);

        return new DecisionReport(
            "binary", Outcomes.Currency, rows.Count, Threshold, ReviewBand,
            valuePerItem, valuePerItem * Options.VolumePerDay,
            1 - reviewRate, reviewRate,
            Options.ReviewerHoursPerDay(reviewRate), Options.ReviewerPeople(reviewRate),
            atHalf, prevalence,
            new BinaryConfusion(counts.TrueNegative, counts.FalsePositive, counts.FalseNegative, counts.TruePositive),
            counts.ReviewedPositive + counts.ReviewedNegative,
            ValidationValuePerItem);
    }

    /// <summary>At a deployment prevalence both class-conditional rates are needed, so both classes must be present.</summary>
    private static void RequireClassesFor(double? prevalence, long positives, long negatives, string split)
    {
        if (prevalence is > 0 && positives == 0)
            throw new InputException($"'decision.prevalence': the {split} rows have no positives, so decisions cannot be priced at prevalence {prevalence}; use a larger or stratified {split} split");
        if (prevalence is < 1 && negatives == 0)
            throw new InputException($"'decision.prevalence': the {split} rows have no negatives, so decisions cannot be priced at prevalence {prevalence}; use a larger or stratified {split} split");
    }

    private BandCounts CountDecisions(BinaryPredictions rows)
    {
        long tp = 0, rp = 0, fn = 0, fp = 0, rn = 0, tn = 0;
        var rule = Rule;
        for (var i = 0; i < rows.Count; i++)
        {
            var decision = rule.Decide(rows.Scores[i]);
            if (rows.Labels[i])
            {
                if (decision == BinaryDecision.Positive) tp++; else if (decision == BinaryDecision.Review) rp++; else fn++;
            }
            else
            {
                if (decision == BinaryDecision.Positive) fp++; else if (decision == BinaryDecision.Review) rn++; else tn++;
            }
        }
        return new BandCounts(tp, rp, fn, fp, rn, tn);
    }
}
