namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// How decisions are priced beyond the outcome values.
/// </summary>
/// <param name="Prevalence">Base rate where the model will run (π′); null = the evaluated rows' own rate.</param>
/// <param name="VolumePerDay">Items decided per day; null = no per-day figures.</param>
/// <param name="Review">A person decides a band of uncertain scores; null = the model decides everything.</param>
/// <param name="MaxCutPoints">
/// At most this many candidate cut points (row quantiles of the validation scores) for the review band search, which tries every
/// pair: O(n log n + c²). The threshold alone (no review) is searched over every distinct score.
/// </param>
public sealed record DecisionOptions(double? Prevalence = null, double? VolumePerDay = null, ReviewOptions? Review = null, int MaxCutPoints = 512)
{
    public static DecisionOptions Default { get; } = new();

    /// <summary>volume × review rate × minutes per review / 60; null without a volume or review.</summary>
    public double? ReviewerHoursPerDay(double reviewRate) =>
        VolumePerDay is { } volume && Review is { } review ? volume * reviewRate * review.MinutesPerItem / 60 : null;

    /// <summary>Reviewer hours per day ÷ a person's working hours (fractional; round up to staff it).</summary>
    public double? ReviewerPeople(double reviewRate) => ReviewerHoursPerDay(reviewRate) / Review?.HoursPerPersonPerDay;
}

/// <summary>
/// Human review: each reviewed item costs <paramref name="CostPerItem"/> (a positive amount, subtracted from the
/// value) and <paramref name="MinutesPerItem"/> of a person's time; a person works <paramref name="HoursPerPersonPerDay"/>.
/// The reviewer is assumed to decide correctly: a reviewed positive is worth v_TP − cost, a reviewed negative v_TN − cost.
/// </summary>
public sealed record ReviewOptions(double CostPerItem, double MinutesPerItem, double HoursPerPersonPerDay = Flywheel.UseCases.ReviewSpec.DefaultHoursPerDay);
