using Flywheel.Evaluation.Decisions;

namespace Flywheel.Operate.Retraining;

/// <summary>
/// What the challenger's decisions are worth against the champion's on the same holdout rows, in the use case's
/// currency: per item and per day at the declared volume, with a 95% interval of the difference from a seeded paired
/// bootstrap (both models priced on the same drawn rows).
/// </summary>
public sealed record ChallengerValue(
    string Currency,
    double? VolumePerDay,
    double ChampionPerItem,
    double ChallengerPerItem,
    double? ChampionPerDay,
    double? ChallengerPerDay,
    double PerItemAdded,
    double? PerDayAdded,
    IReadOnlyList<double> PerItemInterval95,
    IReadOnlyList<double>? PerDayInterval95,
    int Resamples,
    int Seed)
{
    /// <summary>True when the whole 95% interval of the difference lies above zero.</summary>
    public bool ChallengerPaysMore => PerItemInterval95.Count == 2 && PerItemInterval95[0] > 0;

    public static ChallengerValue Compare(PricedRows champion, PricedRows challenger, string currency, double? volumePerDay, int seed, int resamples = ValueBootstrap.DefaultResamples)
    {
        if (champion.Count != challenger.Count) throw new ArgumentException("both models must be priced on the same holdout rows", nameof(challenger));
        var championPerItem = champion.ValuePerItem();
        var challengerPerItem = challenger.ValuePerItem();
        var interval = Interval95(challenger, champion, seed, resamples);
        return new ChallengerValue(currency, volumePerDay, championPerItem, challengerPerItem,
            championPerItem * volumePerDay, challengerPerItem * volumePerDay, challengerPerItem - championPerItem,
            (challengerPerItem - championPerItem) * volumePerDay, interval,
            volumePerDay is { } volume ? interval.Select(bound => bound * volume).ToList() : null, resamples, seed);
    }

    /// <summary>
    /// The 2.5th and 97.5th percentiles of <c>a − b</c> over <paramref name="resamples"/> paired resamples of the rows,
    /// drawn as <see cref="ValueBootstrap"/> draws them (within each class for rows priced at a deployment base rate).
    /// </summary>
    public static double[] Interval95(PricedRows a, PricedRows b, int seed, int resamples) =>
        ValueBootstrap.Interval(a, b, seed, resamples, 0.025, 0.975);
}
