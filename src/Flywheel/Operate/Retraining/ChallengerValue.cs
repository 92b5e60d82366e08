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
    /// The 2.5th and 97.5th percentiles (numpy's linear rule) of <c>a − b</c> over <paramref name="resamples"/> paired
    /// resamples of the rows; rows priced at a deployment base rate are drawn within each class, as
    /// <see cref="ValueBootstrap"/> does.
    /// </summary>
    public static double[] Interval95(PricedRows a, PricedRows b, int seed, int resamples)
    {
        var random = new Random(seed);
        var strata = a.Prevalence is null || a.Positive is null
            ? [Enumerable.Range(0, a.Count).ToArray()]
            : new[] { true, false }.Select(c => Enumerable.Range(0, a.Count).Where(i => a.Positive[i] == c).ToArray()).Where(s => s.Length > 0).ToArray();
        var figures = new List<double>(resamples);
        var drawn = new int[a.Count];
        for (var r = 0; r < resamples; r++)
        {
            var k = 0;
            foreach (var stratum in strata)
            {
                for (var j = 0; j < stratum.Length; j++) drawn[k++] = stratum[random.Next(stratum.Length)];
            }
            var figure = a.ValuePerItem(drawn) - b.ValuePerItem(drawn);
            if (double.IsFinite(figure)) figures.Add(figure);
        }
        if (figures.Count == 0) return [double.NaN, double.NaN];
        figures.Sort();
        return [ValueBootstrap.Percentile(figures, 0.025), ValueBootstrap.Percentile(figures, 0.975)];
    }
}
