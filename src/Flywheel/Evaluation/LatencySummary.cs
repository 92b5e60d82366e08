namespace Flywheel.Evaluation;

/// <summary>
/// Per-row durations summarized: count, mean, p50, p99 and max, in milliseconds. Percentiles use linear
/// interpolation between closest ranks (numpy's default <c>percentile(method="linear")</c>, Hyndman–Fan type 7):
/// sorted x₀..xₙ₋₁, h = (n − 1)·q, value = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).
/// </summary>
public sealed record LatencySummary(long Count, double MeanMilliseconds, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds)
{
    public static LatencySummary Of(IReadOnlyList<TimeSpan> durations) =>
        OfMilliseconds(durations.Select(d => d.TotalMilliseconds).ToArray());

    public static LatencySummary OfMilliseconds(IReadOnlyList<double> milliseconds)
    {
        if (milliseconds.Count == 0) throw new ArgumentException("no durations to summarize");
        if (milliseconds.Any(m => !double.IsFinite(m) || m < 0)) throw new ArgumentException("a duration is negative or not a number");
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, sorted.Average(), Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>The q-quantile (0 ≤ q ≤ 1) of ascending values, type 7.</summary>
    public static double Percentile(IReadOnlyList<double> ascending, double q)
    {
        if (ascending.Count == 0) throw new ArgumentException("no values");
        if (q is < 0 or > 1 || double.IsNaN(q)) throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile lies in [0, 1]");
        var h = (ascending.Count - 1) * q;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, ascending.Count - 1);
        return ascending[below] + (h - below) * (ascending[above] - ascending[below]);
    }
}
