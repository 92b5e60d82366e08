using Flywheel.Evaluation.Metrics;

namespace Flywheel.Evaluation.Fairness;

/// <summary>
/// How the model treats one group of rows (e.g. one value of a sensitive column) at the predictions' threshold.
/// A rate is null when the group has no row it is a share of (no positives for TPR, no negatives for FPR).
/// </summary>
public sealed record GroupRow(
    string Group, long Rows, double BaseRate, double SelectionRate, double Accuracy,
    double? TruePositiveRate, double? FalsePositiveRate, double? Precision, double? Auc);

/// <summary>
/// Per-group rows and the gaps between groups, as fairlearn defines them: demographic parity difference = max − min
/// selection rate, ratio = min / max (null when no group is ever selected), equalized odds difference = the larger of
/// the TPR range and the FPR range (over the groups where each is defined; null when fewer than two groups define either).
/// </summary>
public sealed record GroupComparison(
    IReadOnlyList<GroupRow> Groups,
    double DemographicParityDifference,
    double? DemographicParityRatio,
    double? EqualizedOddsDifference);

public static class GroupMetrics
{
    /// <summary>Compares groups; <paramref name="groups"/> gives each row's group (ordinal order in the result).</summary>
    public static GroupComparison Binary(BinaryPredictions predictions, IReadOnlyList<string> groups)
    {
        if (groups.Count != predictions.Count)
            throw new ArgumentException($"{groups.Count} group values for {predictions.Count} rows");
        var rows = groups
            .Select((group, row) => (group, row))
            .GroupBy(x => x.group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, predictions, g.Select(x => x.row).ToArray()))
            .ToList();

        var selection = rows.Select(r => r.SelectionRate).ToArray();
        var maxSelection = selection.Max();
        return new GroupComparison(
            rows,
            maxSelection - selection.Min(),
            maxSelection == 0 ? null : selection.Min() / maxSelection,
            Max(Range(rows.Select(r => r.TruePositiveRate)), Range(rows.Select(r => r.FalsePositiveRate))));
    }

    private static GroupRow Row(string group, BinaryPredictions all, int[] rows)
    {
        var subset = new BinaryPredictions(rows.Select(i => all.Labels[i]).ToArray(), rows.Select(i => all.Scores[i]).ToArray(), all.Threshold);
        var c = subset.Confusion();
        double? Share(long part, long whole) => whole == 0 ? null : (double)part / whole;
        var auc = BinaryMetrics.Auc(subset);
        return new GroupRow(
            group, c.Total, (double)c.Positives / c.Total, (double)(c.TruePositive + c.FalsePositive) / c.Total,
            (double)(c.TruePositive + c.TrueNegative) / c.Total,
            Share(c.TruePositive, c.Positives), Share(c.FalsePositive, c.Negatives),
            Share(c.TruePositive, c.TruePositive + c.FalsePositive),
            double.IsNaN(auc) ? null : auc);
    }

    private static double? Range(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        return defined.Length < 2 ? null : defined.Max() - defined.Min();
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
