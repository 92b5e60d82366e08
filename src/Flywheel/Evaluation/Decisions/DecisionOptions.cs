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
}

/// <summary>
/// Human review: each reviewed item costs <paramref name="CostPerItem"/> (a positive amount, subtracted from the
/// value) and <paramref name="MinutesPerItem"/> of a person's time; a person works <paramref name="HoursPerPersonPerDay"/>.
/// The reviewer is assumed to decide correctly: a reviewed positive is worth v_TP − cost, a reviewed negative v_TN − cost.
/// </summary>
public sealed record ReviewOptions(double CostPerItem, double MinutesPerItem, double HoursPerPersonPerDay = 7.5);
