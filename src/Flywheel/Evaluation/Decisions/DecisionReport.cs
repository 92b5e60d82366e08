using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// What a decision policy is worth on a set of labelled rows (normally the test split), in the outcomes' currency.
/// Binary reports fill the threshold, review and rate fields; multiclass and regression reports leave them null
/// (review rate 0, automatic rate 1).
/// </summary>
/// <param name="Kind">"binary", "multiclass" or "regression".</param>
/// <param name="Currency">Currency of every amount, e.g. "JPY".</param>
/// <param name="Items">Rows evaluated.</param>
/// <param name="Threshold">Score at or above which an item is automatically positive (binary).</param>
/// <param name="ReviewBand">Scores in [Lower, Upper) go to a person (binary, when a review band is used).</param>
/// <param name="ValuePerItem">Expected value per item (negative = a cost), at the deployment prevalence when one is set.</param>
/// <param name="ValuePerDay">ValuePerItem × volume per day, when a volume is set.</param>
/// <param name="AutomaticRate">Share of items decided by the model.</param>
/// <param name="ReviewRate">Share of items sent to a person.</param>
/// <param name="ReviewerHoursPerDay">volume × review rate × minutes per review / 60, when volume and review are set.</param>
/// <param name="ReviewerPeople">ReviewerHoursPerDay ÷ working hours per person per day (fractional; round up to staff).</param>
/// <param name="ValuePerItemAtHalf">Value per item of the plain 0.5 threshold without review, for comparison (binary).</param>
/// <param name="Prevalence">Base rate the value was computed at: the deployment prevalence if set, else the rows' own (binary).</param>
/// <param name="Confusion">Counts of the automatic decisions (reviewed items excluded) on these rows (binary).</param>
/// <param name="ReviewedItems">Rows that fell in the review band (binary).</param>
/// <param name="ValidationValuePerItem">Value per item the policy reached on the validation rows it was chosen on.</param>
public sealed record DecisionReport(
    string Kind,
    string Currency,
    long Items,
    double? Threshold,
    ReviewBand? ReviewBand,
    double ValuePerItem,
    double? ValuePerDay,
    double AutomaticRate,
    double ReviewRate,
    double? ReviewerHoursPerDay,
    double? ReviewerPeople,
    double? ValuePerItemAtHalf,
    double? Prevalence,
    BinaryConfusion? Confusion,
    long? ReviewedItems,
    double? ValidationValuePerItem)
{
    /// <summary>The chosen way of deciding: "model", or the alternative that beat the model where the policy was chosen.</summary>
    public string Policy { get; init; } = DecisionComparison.ModelPolicy;

    /// <summary>What the policy (threshold, band, floor) was chosen on: the validation split, or out-of-fold predictions.</summary>
    public string? ChosenOn { get; init; }

    /// <summary>The non-ML alternatives priced on the same rows with the same prices.</summary>
    public IReadOnlyList<AlternativeValue>? Alternatives { get; init; }

    /// <summary>The model policy's value over the best alternative, with its interval.</summary>
    public ValueAdded? ValueAdded { get; init; }

    /// <summary>90% paired-bootstrap interval of <see cref="ValuePerItem"/>: how stable the value at the chosen point is.</summary>
    public IReadOnlyList<double>? ValuePerItemInterval90 { get; init; }

    /// <summary>Counts at the chosen decision, review as its own column.</summary>
    public DecisionMatrix? ConfusionMatrix { get; init; }

    /// <summary>One sentence on the prices when they dominate the decision, e.g. the break-even risk of acting.</summary>
    public string? Economics { get; init; }

    /// <summary>The chosen alternative when it is not the model; null when the model is chosen.</summary>
    public AlternativeValue? ChosenAlternative => Alternatives?.FirstOrDefault(a => a.Name == Policy);
}

/// <summary>Scores in [Lower, Upper) are decided by a person.</summary>
public sealed record ReviewBand(double Lower, double Upper);
