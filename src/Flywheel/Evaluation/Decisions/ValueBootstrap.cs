namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// Seeded paired bootstrap of value per item: each resample draws the rows with replacement and prices every way of
/// deciding on the same drawn rows, so a difference keeps the pairing. Binary rows priced at a deployment base rate
/// are drawn within each class (the class-conditional rates are what is estimated, and every sample keeps both
/// classes); otherwise rows are drawn from all rows. Intervals are the 5th and 95th percentiles (numpy's default
/// linear interpolation) of the resampled figures.
/// </summary>
public static class ValueBootstrap
{
    public const int DefaultResamples = 2000;

    /// <summary>Fewer resamples on large splits, so the work stays near 2·10⁷ row draws.</summary>
    public static int ResamplesFor(int rows) => Math.Clamp(20_000_000 / Math.Max(rows, 1), 200, DefaultResamples);

    /// <summary>The 90% interval of <c>a − b</c> (b may be null: the interval of a itself).</summary>
    public static double[] Interval90(PricedRows a, PricedRows? b, int seed, int? resamples = null) =>
        Interval(a, b, seed, resamples ?? ResamplesFor(a.Count), 0.05, 0.95);

    /// <summary>
    /// The <paramref name="lower"/> and <paramref name="upper"/> percentiles of <c>a − b</c> over
    /// <paramref name="resamples"/> paired resamples of the rows (b may be null: of a itself).
    /// </summary>
    public static double[] Interval(PricedRows a, PricedRows? b, int seed, int resamples, double lower, double upper)
    {
        if (b is not null && b.Count != a.Count) throw new ArgumentException("both ways of deciding must be priced on the same rows", nameof(b));
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
            var figure = a.ValuePerItem(drawn) - (b?.ValuePerItem(drawn) ?? 0);
            if (double.IsFinite(figure)) figures.Add(figure);
        }
        if (figures.Count == 0) return [double.NaN, double.NaN];
        figures.Sort();
        return [Percentile(figures, lower), Percentile(figures, upper)];
    }

    /// <summary>numpy.percentile's default ("linear"): position q·(n − 1) between the sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
