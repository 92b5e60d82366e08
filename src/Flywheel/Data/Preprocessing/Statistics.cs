namespace Flywheel.Data.Preprocessing;

/// <summary>Textbook statistics over non-missing values (numpy / scikit-learn definitions).</summary>
internal static class Statistics
{
    /// <summary>Middle value; the mean of the two middle values for an even count.</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>Linear interpolation between order statistics (numpy's default, Hyndman–Fan type 7).</summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    public static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Sum() / values.Count;

    /// <summary>Population standard deviation (ddof = 0), as StandardScaler uses.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        return Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / values.Count);
    }

    /// <summary>Fisher–Pearson skewness g1 = m3 / m2^1.5 (scipy.stats.skew with bias=True).</summary>
    public static double Skewness(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        var m2 = values.Sum(value => Math.Pow(value - mean, 2)) / values.Count;
        var m3 = values.Sum(value => Math.Pow(value - mean, 3)) / values.Count;
        return m2 == 0 ? 0 : m3 / Math.Pow(m2, 1.5);
    }

    /// <summary>Values by descending count, ties in ordinal order, so the result never depends on row order.</summary>
    public static IReadOnlyList<string> ByFrequency(IEnumerable<string> values) =>
        values.GroupBy(value => value, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.Key).ToList();
}
