using System.Globalization;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// The decision's economics in one sentence, for a product manager. Binary: acting on an item of risk p is worth
/// p·v_TP + (1 − p)·v_FP against p·v_FN + (1 − p)·v_TN for leaving it, so acting pays above the break-even risk
/// p* = (v_TN − v_FP) / ((v_TP − v_FN) + (v_TN − v_FP)). When p* is far below the base rate (or far above it), a
/// model adds value only where it is nearly certain, and the sentence says so.
/// </summary>
public static class Economics
{
    /// <summary>p*, or null when acting is always or never better (no crossing in [0, 1]).</summary>
    public static double? BreakEvenRisk(BinaryOutcomeValues v)
    {
        var gainOnPositives = v.TruePositive - v.FalseNegative;
        var lossOnNegatives = v.TrueNegative - v.FalsePositive;
        var denominator = gainOnPositives + lossOnNegatives;
        if (denominator <= 0 || gainOnPositives <= 0 || lossOnNegatives < 0) return null;
        return lossOnNegatives / denominator;
    }

    /// <summary>The sentence when the break-even risk is below a tenth or above ten times the base rate; else null.</summary>
    public static string? Sentence(BinaryOutcomeValues v, double baseRate, string positive)
    {
        if (BreakEvenRisk(v) is not { } risk || baseRate is <= 0 or >= 1) return null;
        var costOfActing = Money(v.TrueNegative - v.FalsePositive, v.Currency);
        var costOfMissing = Money(v.TruePositive - v.FalseNegative, v.Currency);
        var at = risk.ToString(risk < 0.01 ? "0.##%" : "0.#%", CultureInfo.InvariantCulture);
        if (risk < baseRate / 10)
            return $"Acting costs {costOfActing} where it is not needed and saves {costOfMissing} where it is, so acting is worth it for any item above {at} risk of '{positive}' " +
                   $"(the base rate is {baseRate.ToString("0.#%", CultureInfo.InvariantCulture)}): the model adds value only where it is nearly certain an item is not '{positive}'.";
        if (risk > Math.Min(1, baseRate * 10))
            return $"Acting costs {costOfActing} where it is not needed and saves {costOfMissing} where it is, so acting pays only for items above {at} risk of '{positive}' " +
                   $"(the base rate is {baseRate.ToString("0.#%", CultureInfo.InvariantCulture)}): the model adds value only where it is nearly certain an item is '{positive}'.";
        return null;
    }

    private static string Money(double amount, string currency) => $"{amount.ToString("N0", CultureInfo.InvariantCulture)} {currency}".TrimEnd();
}
