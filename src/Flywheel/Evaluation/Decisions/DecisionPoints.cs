using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// What a binary <see cref="DecisionRule"/> is worth at any threshold and review band on one set of labelled rows, in
/// O(log n) a point: the scores are sorted once with the positives counted below each, so a decision explorer can move
/// a slider without touching the rows again. The counts are those of <see cref="DecisionRule.Decide(double)"/> row by
/// row (review wins over the threshold), priced as <see cref="DecisionPolicy.Evaluate"/> prices them, so a point here
/// equals the policy's report at that point.
/// </summary>
public sealed class DecisionPoints
{
    private readonly double[] _ascending;
    private readonly long[] _positivesBefore; // positives among the first k ascending scores, k = 0..n

    private DecisionPoints(double[] ascending, long[] positivesBefore)
    {
        _ascending = ascending;
        _positivesBefore = positivesBefore;
    }

    public int Count => _ascending.Length;
    public long Positives => _positivesBefore[^1];
    public long Negatives => Count - Positives;

    public static DecisionPoints Of(BinaryPredictions rows)
    {
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var ascending = rows.Scores.ToArray();
        Array.Sort(ascending, order);
        var positivesBefore = new long[order.Length + 1];
        for (var k = 0; k < order.Length; k++) positivesBefore[k + 1] = positivesBefore[k] + (rows.Labels[order[k]] ? 1 : 0);
        return new DecisionPoints(ascending, positivesBefore);
    }

    /// <summary>The rule's counts: each class split into decided-positive, reviewed and decided-negative.</summary>
    internal BandCounts CountsAt(DecisionRule rule)
    {
        var threshold = rule.Threshold ?? 0.5;
        var (positivesAbove, negativesAbove) = From(threshold, double.PositiveInfinity);
        long reviewedPositives = 0, reviewedNegatives = 0;
        if (rule.Band is { } band && band.Lower < band.Upper)
        {
            (reviewedPositives, reviewedNegatives) = From(band.Lower, band.Upper);
            // A reviewed score at or above the threshold is no longer decided positive.
            var (overlapPositives, overlapNegatives) = From(Math.Max(band.Lower, threshold), band.Upper);
            positivesAbove -= overlapPositives;
            negativesAbove -= overlapNegatives;
        }
        return new BandCounts(positivesAbove, reviewedPositives, Positives - positivesAbove - reviewedPositives,
            negativesAbove, reviewedNegatives, Negatives - negativesAbove - reviewedNegatives);
    }

    /// <summary>The rule priced on these rows: value per item and per day, review share, reviewer hours and people, the counts.</summary>
    public DecisionPoint At(DecisionRule rule, BinaryOutcomeValues outcomes, DecisionOptions options, string negative, string positive)
    {
        if (rule.Band is not null && options.Review is null)
            throw new InputException("'decision.review': a review band needs the review's cost and minutes per item; the use case prices no review", "reviewLower");
        var counts = CountsAt(rule);
        if (options.Prevalence is > 0 && Positives == 0 || options.Prevalence is < 1 && Negatives == 0)
            throw new InputException($"'decision.prevalence': these rows lack a class, so decisions cannot be priced at prevalence {options.Prevalence}", "prevalence");
        var prevalence = options.Prevalence ?? (double)Positives / Count;
        var valuePerItem = counts.ValuePerItem(outcomes, options.Review?.CostPerItem ?? 0, prevalence);
        var reviewShare = counts.ReviewRate(prevalence);
        var matrix = new DecisionMatrix("model", [negative, positive], [negative, "review", positive],
        [
            [counts.TrueNegative, counts.ReviewedNegative, counts.FalsePositive],
            [counts.FalseNegative, counts.ReviewedPositive, counts.TruePositive],
        ]);
        return new DecisionPoint(Count, rule.Threshold ?? 0.5, rule.Band, valuePerItem, valuePerItem * options.VolumePerDay, reviewShare, 1 - reviewShare,
            options.ReviewerHoursPerDay(reviewShare), options.ReviewerPeople(reviewShare), prevalence, outcomes.Currency, matrix);
    }

    /// <summary>Positives and negatives with a score in [from, to).</summary>
    private (long Positives, long Negatives) From(double from, double to)
    {
        if (!(to > from)) return (0, 0);
        var (low, high) = (Before(from), double.IsPositiveInfinity(to) ? Count : Before(to));
        var positives = _positivesBefore[high] - _positivesBefore[low];
        return (positives, high - low - positives);
    }

    /// <summary>How many scores are strictly below <paramref name="value"/>.</summary>
    private int Before(double value)
    {
        int low = 0, high = _ascending.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_ascending[middle] < value) low = middle + 1; else high = middle;
        }
        return low;
    }
}

/// <summary>
/// A binary decision rule priced on one set of labelled rows (validation or test): value per item (at the deployment
/// prevalence when set) and per day, the shares reviewed and automatic, reviewer hours per day and people, and the
/// counts — rows actual (negative, positive), columns decided (negative, review, positive).
/// </summary>
public sealed record DecisionPoint(long Items, double Threshold, ReviewBand? ReviewBand, double ValuePerItem, double? ValuePerDay,
    double ReviewShare, double AutomaticShare, double? ReviewerHoursPerDay, double? ReviewerPeople, double Prevalence, string Currency, DecisionMatrix Matrix);
