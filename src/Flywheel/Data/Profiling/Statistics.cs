namespace Flywheel.Data.Profiling;

/// <summary>Association measures as pure functions of small summaries (contingency tables, per-group moments), so they can be checked by hand.</summary>
public static class Statistics
{
    /// <summary>
    /// Bias-corrected Cramér's V (Bergsma 2013): φ̃² = max(0, χ²/n − (k−1)(r−1)/(n−1)), k̃ = k − (k−1)²/(n−1),
    /// r̃ = r − (r−1)²/(n−1), V = √(φ̃² / min(k̃−1, r̃−1)). Rows or columns that are all zero are ignored.
    /// Returns 0 when a side has a single level.
    /// </summary>
    public static double CramersV(long[,] table)
    {
        var rowTotals = Enumerable.Range(0, table.GetLength(0)).Select(i => Enumerable.Range(0, table.GetLength(1)).Sum(j => (double)table[i, j])).ToArray();
        var columnTotals = Enumerable.Range(0, table.GetLength(1)).Select(j => Enumerable.Range(0, table.GetLength(0)).Sum(i => (double)table[i, j])).ToArray();
        var n = rowTotals.Sum();
        var r = rowTotals.Count(total => total > 0);
        var k = columnTotals.Count(total => total > 0);
        if (n <= 1 || r < 2 || k < 2) return 0;

        var chiSquared = 0.0;
        for (var i = 0; i < rowTotals.Length; i++)
        {
            for (var j = 0; j < columnTotals.Length; j++)
            {
                if (rowTotals[i] == 0 || columnTotals[j] == 0) continue;
                var expected = rowTotals[i] * columnTotals[j] / n;
                var difference = table[i, j] - expected;
                chiSquared += difference * difference / expected;
            }
        }
        var phiSquared = Math.Max(0, chiSquared / n - (k - 1.0) * (r - 1.0) / (n - 1));
        var kCorrected = k - (k - 1.0) * (k - 1.0) / (n - 1);
        var rCorrected = r - (r - 1.0) * (r - 1.0) / (n - 1);
        var denominator = Math.Min(kCorrected - 1, rCorrected - 1);
        return denominator <= 0 ? 0 : Math.Sqrt(phiSquared / denominator);
    }

    /// <summary>A group's size, mean and population variance of a numeric variable.</summary>
    public readonly record struct GroupMoments(long Count, double Mean, double PopulationVariance);

    /// <summary>
    /// Correlation ratio η = √(SS_between / SS_total), where SS_between = Σ n_g (mean_g − mean)² and
    /// SS_total = SS_between + Σ n_g var_g. Returns 0 when the numeric variable is constant.
    /// </summary>
    public static double CorrelationRatio(IReadOnlyList<GroupMoments> groups)
    {
        var n = groups.Sum(group => (double)group.Count);
        if (n == 0) return 0;
        var mean = groups.Sum(group => group.Count * group.Mean) / n;
        var between = groups.Sum(group => group.Count * (group.Mean - mean) * (group.Mean - mean));
        var within = groups.Sum(group => group.Count * group.PopulationVariance);
        var total = between + within;
        return total <= 0 ? 0 : Math.Sqrt(Math.Min(1, between / total));
    }

    /// <summary>
    /// ROC AUC from the Mann–Whitney statistic: (R₊ − n₊(n₊+1)/2) / (n₊ n₋), where R₊ is the sum of the
    /// positives' ranks with ties given their average rank.
    /// </summary>
    public static double AucFromRankSum(double positiveRankSum, long positives, long negatives) =>
        positives == 0 || negatives == 0 ? 0.5 : (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
}
