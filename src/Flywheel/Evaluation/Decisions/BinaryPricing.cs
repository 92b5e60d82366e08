namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// Binary decisions priced row by row with the same rule as <see cref="BandCounts"/>: an automatic decision is worth
/// its outcome's value, a reviewed item the correct outcome's value minus the review cost (the reviewer decides
/// correctly). Builds the non-ML alternatives: act on none, act on all, and rules (a 1/0 score per row).
/// </summary>
public static class BinaryPricing
{
    public static PricedRows Price(IReadOnlyList<bool> labels, IReadOnlyList<BinaryDecision> decisions, BinaryOutcomeValues v, DecisionOptions options)
    {
        var reviewCost = options.Review?.CostPerItem ?? 0;
        var values = new double[labels.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (decisions[i], labels[i]) switch
            {
                (BinaryDecision.Positive, true) => v.TruePositive,
                (BinaryDecision.Positive, false) => v.FalsePositive,
                (BinaryDecision.Negative, true) => v.FalseNegative,
                (BinaryDecision.Negative, false) => v.TrueNegative,
                (_, true) => v.TruePositive - reviewCost,
                (_, false) => v.TrueNegative - reviewCost,
            };
        }
        return new PricedRows(values, labels, options.Prevalence);
    }

    /// <summary>Act on none and act on all, on the choice rows and on the test rows.</summary>
    public static IReadOnlyList<PricedAlternative> Constant(IReadOnlyList<bool> choiceLabels, IReadOnlyList<bool> testLabels, BinaryOutcomeValues v, DecisionOptions options) =>
    [
        new("act_on_none", "act on nobody (the world without the model)",
            Price(choiceLabels, Repeat(BinaryDecision.Negative, choiceLabels.Count), v, options),
            Price(testLabels, Repeat(BinaryDecision.Negative, testLabels.Count), v, options)),
        new("act_on_all", "act on everyone",
            Price(choiceLabels, Repeat(BinaryDecision.Positive, choiceLabels.Count), v, options),
            Price(testLabels, Repeat(BinaryDecision.Positive, testLabels.Count), v, options)),
    ];

    /// <summary>A rule: act where it holds (score 1), not where it does not (score 0).</summary>
    public static PricedAlternative Rule(string step, string text, IReadOnlyList<bool> choiceLabels, IReadOnlyList<double> choiceScores,
        IReadOnlyList<bool> testLabels, IReadOnlyList<double> testScores, BinaryOutcomeValues v, DecisionOptions options) =>
        new($"rule:{step}", $"the plan's rule '{text}'",
            Price(choiceLabels, choiceScores.Select(Acts).ToArray(), v, options),
            Price(testLabels, testScores.Select(Acts).ToArray(), v, options));

    /// <summary>
    /// Counts at the decisions: rows negative, positive; columns negative, review (only when something is reviewed
    /// or a band exists), positive.
    /// </summary>
    public static DecisionMatrix Matrix(string policy, IReadOnlyList<bool> labels, IReadOnlyList<BinaryDecision> decisions, string negative, string positive, bool withReview)
    {
        var counts = new long[2][] { new long[3], new long[3] };
        for (var i = 0; i < labels.Count; i++)
            counts[labels[i] ? 1 : 0][decisions[i] switch { BinaryDecision.Negative => 0, BinaryDecision.Review => 1, _ => 2 }]++;
        withReview |= counts.Any(row => row[1] > 0);
        var columns = withReview ? new[] { 0, 1, 2 } : [0, 2];
        return new DecisionMatrix(policy, [negative, positive],
            columns.Select(c => c switch { 0 => negative, 1 => "review", _ => positive }).ToList(),
            counts.Select(row => (IReadOnlyList<long>)columns.Select(c => row[c]).ToList()).ToList());
    }

    public static BinaryDecision[] Repeat(BinaryDecision decision, int count) => Enumerable.Repeat(decision, count).ToArray();

    private static BinaryDecision Acts(double score) => score >= 0.5 ? BinaryDecision.Positive : BinaryDecision.Negative;
}
