namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// The one place an item's decision is made, for every host: training's pricing, evaluation, batch prediction and
/// serving all call <see cref="Decide(double)"/> (binary) or <see cref="Decide(IReadOnlyList{double})"/> (multiclass).
/// Binary: a score at or above <see cref="Threshold"/> is positive; a score in [<see cref="ReviewLower"/>,
/// <see cref="ReviewUpper"/>) goes to a person. Multiclass: the most probable class, sent to a person when its
/// probability lies in [ReviewLower, ReviewUpper) = [0, floor). Regression: the prediction is the answer.
/// </summary>
public sealed record DecisionRule(double? Threshold, double? ReviewLower = null, double? ReviewUpper = null)
{
    public static DecisionRule Binary(double threshold, ReviewBand? band) => new(threshold, band?.Lower, band?.Upper);

    public static DecisionRule Floor(double floor) => floor > 0 ? new DecisionRule(null, 0, floor) : new DecisionRule(Threshold: null);

    public ReviewBand? Band => ReviewLower is { } lower && ReviewUpper is { } upper ? new ReviewBand(lower, upper) : null;

    public bool Reviews(double score) => ReviewLower is { } lower && ReviewUpper is { } upper && score >= lower && score < upper;

    public BinaryDecision Decide(double score)
    {
        if (Reviews(score)) return BinaryDecision.Review;
        return score >= (Threshold ?? 0.5) ? BinaryDecision.Positive : BinaryDecision.Negative;
    }

    /// <summary>The most probable class (the first on ties, as numpy's argmax) and whether a person decides it.</summary>
    public (int Class, bool Review) Decide(IReadOnlyList<double> probabilities)
    {
        var best = 0;
        for (var k = 1; k < probabilities.Count; k++)
        {
            if (probabilities[k] > probabilities[best]) best = k;
        }
        return (best, Reviews(probabilities[best]));
    }
}
