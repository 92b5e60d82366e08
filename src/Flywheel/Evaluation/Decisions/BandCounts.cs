namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// Outcome counts of a policy with an optional review band: each class split into decided-positive, reviewed and
/// decided-negative.
/// </summary>
internal readonly record struct BandCounts(long TruePositive, long ReviewedPositive, long FalseNegative, long FalsePositive, long ReviewedNegative, long TrueNegative)
{
    public long Positives => TruePositive + ReviewedPositive + FalseNegative;
    public long Negatives => FalsePositive + ReviewedNegative + TrueNegative;

    /// <summary>Value per item at base rate π; reviewed items get the correct outcome's value minus the review cost.</summary>
    public double ValuePerItem(BinaryOutcomeValues v, double reviewCost, double prevalence) =>
        OutcomeMix.Weighted(prevalence, Positives, Negatives,
            TruePositive * v.TruePositive + ReviewedPositive * (v.TruePositive - reviewCost) + FalseNegative * v.FalseNegative,
            FalsePositive * v.FalsePositive + ReviewedNegative * (v.TrueNegative - reviewCost) + TrueNegative * v.TrueNegative);

    /// <summary>Share of items reviewed at base rate π: π·(reviewed positives / positives) + (1 − π)·(reviewed negatives / negatives).</summary>
    public double ReviewRate(double prevalence) =>
        OutcomeMix.Weighted(prevalence, Positives, Negatives, ReviewedPositive, ReviewedNegative);
}
