using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// What each outcome of one binary decision is worth, per item, in <see cref="Currency"/> (negative = a cost).
/// </summary>
public sealed record BinaryOutcomeValues(double TruePositive, double FalsePositive, double FalseNegative, double TrueNegative, string Currency)
{
    /// <summary>Σ count × value over the four outcomes.</summary>
    public double TotalValue(BinaryConfusion counts) =>
        counts.TruePositive * TruePositive + counts.FalsePositive * FalsePositive
        + counts.FalseNegative * FalseNegative + counts.TrueNegative * TrueNegative;

    /// <summary>Total value ÷ items: the value per item at the rows' own base rate.</summary>
    public double ValuePerItem(BinaryConfusion counts) => TotalValue(counts) / counts.Total;

    /// <summary>
    /// Value per item at a deployment base rate π′ (prior shift):
    /// π′·(TPR·v_TP + FNR·v_FN) + (1 − π′)·(FPR·v_FP + TNR·v_TN), the rates taken from <paramref name="counts"/>.
    /// A class absent from the counts contributes nothing when its weight is 0, and makes the value NaN otherwise.
    /// </summary>
    public double ValuePerItem(BinaryConfusion counts, double prevalence)
    {
        if (prevalence is < 0 or > 1 || double.IsNaN(prevalence))
            throw new ArgumentOutOfRangeException(nameof(prevalence), prevalence, "a base rate lies between 0 and 1");
        return OutcomeMix.Weighted(prevalence, counts.Positives, counts.Negatives,
            counts.TruePositive * TruePositive + counts.FalseNegative * FalseNegative,
            counts.FalsePositive * FalsePositive + counts.TrueNegative * TrueNegative);
    }
}

internal static class OutcomeMix
{
    /// <summary>
    /// π·(value of the positives / positives) + (1 − π)·(value of the negatives / negatives): each class's mean value
    /// weighted by the base rate. A class with weight 0 adds nothing even if absent; one with weight &gt; 0 that is
    /// absent makes the result NaN (its rates are unknown).
    /// </summary>
    public static double Weighted(double prevalence, long positives, long negatives, double valueOfPositives, double valueOfNegatives)
    {
        var fromPositives = prevalence == 0 ? 0 : positives == 0 ? double.NaN : prevalence * (valueOfPositives / positives);
        var fromNegatives = prevalence == 1 ? 0 : negatives == 0 ? double.NaN : (1 - prevalence) * (valueOfNegatives / negatives);
        return fromPositives + fromNegatives;
    }
}
