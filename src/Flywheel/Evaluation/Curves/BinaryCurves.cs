using Flywheel.Evaluation.Metrics;
using Flywheel.Evaluation.Results;

namespace Flywheel.Evaluation.Curves;

/// <summary>Curves of binary predictions, as scikit-learn draws them.</summary>
public static class BinaryCurves
{
    /// <summary>
    /// ROC curve as sklearn's <c>roc_curve(drop_intermediate=False)</c>: one point per distinct score from high to
    /// low, preceded by (0, 0) at threshold +∞. X = false positive rate, Y = true positive rate. A rate whose class
    /// is absent is NaN at every point.
    /// </summary>
    public static Curve Roc(BinaryPredictions p)
    {
        var points = ThresholdPoints.Of(p.Labels, p.Scores);
        var n = points.Thresholds.Length + 1;
        var fpr = new double[n];
        var tpr = new double[n];
        var thresholds = new double[n];
        thresholds[0] = double.PositiveInfinity;
        for (var k = 0; k < n; k++)
        {
            var fp = k == 0 ? 0 : points.FalsePositives[k - 1];
            var tp = k == 0 ? 0 : points.TruePositives[k - 1];
            fpr[k] = points.Negatives == 0 ? double.NaN : (double)fp / points.Negatives;
            tpr[k] = points.Positives == 0 ? double.NaN : (double)tp / points.Positives;
            if (k > 0) thresholds[k] = points.Thresholds[k - 1];
        }
        return new Curve("roc", "false positive rate", "true positive rate", fpr, tpr, thresholds);
    }

    /// <summary>
    /// Precision–recall curve as sklearn's <c>precision_recall_curve</c>: thresholds ascending (one per distinct
    /// score), X = recall (decreasing), Y = precision, with a final point (recall 0, precision 1) that has no
    /// threshold — so <see cref="Curve.Thresholds"/> is one shorter than X. Recall is NaN when there are no positives.
    /// </summary>
    public static Curve PrecisionRecall(BinaryPredictions p)
    {
        var points = ThresholdPoints.Of(p.Labels, p.Scores);
        var t = points.Thresholds.Length;
        var recall = new double[t + 1];
        var precision = new double[t + 1];
        var thresholds = new double[t];
        for (var j = 0; j < t; j++)
        {
            var k = t - 1 - j; // ascending threshold order
            var tp = points.TruePositives[k];
            recall[j] = points.Positives == 0 ? double.NaN : (double)tp / points.Positives;
            precision[j] = (double)tp / (tp + points.FalsePositives[k]);
            thresholds[j] = points.Thresholds[k];
        }
        recall[t] = 0;
        precision[t] = 1;
        return new Curve("precision_recall", "recall", "precision", recall, precision, thresholds);
    }

    /// <summary>
    /// Calibration (reliability) curve over <paramref name="bins"/> uniform bins of [0, 1], as sklearn's
    /// <c>calibration_curve(strategy="uniform")</c>: bin i holds scores in (i/bins, (i+1)/bins], the first bin also
    /// holds 0. X = mean score in the bin, Y = fraction of positives, Counts = rows; empty bins are left out.
    /// Scores outside [0, 1] are an error: they are not probabilities.
    /// </summary>
    public static Curve Calibration(BinaryPredictions p, int bins = 10)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "a calibration curve needs at least one bin");
        if (p.Scores.Any(s => s is < 0 or > 1))
            throw new ArgumentException("a calibration curve needs scores that are probabilities in [0, 1]");
        var sums = new double[bins];
        var positives = new long[bins];
        var counts = new long[bins];
        for (var i = 0; i < p.Count; i++)
        {
            var bin = BinOf(p.Scores[i], bins);
            sums[bin] += p.Scores[i];
            counts[bin]++;
            if (p.Labels[i]) positives[bin]++;
        }
        var kept = Enumerable.Range(0, bins).Where(b => counts[b] > 0).ToArray();
        return new Curve(
            "calibration", "mean predicted probability", "fraction of positives",
            kept.Select(b => sums[b] / counts[b]).ToArray(),
            kept.Select(b => (double)positives[b] / counts[b]).ToArray(),
            Counts: kept.Select(b => counts[b]).ToArray());
    }

    /// <summary>
    /// The bin of a score: numpy <c>searchsorted(inner edges, score, side="left")</c>, i.e. the number of inner
    /// edges strictly below the score. The edges are computed as numpy's <c>linspace</c> does.
    /// </summary>
    private static int BinOf(double score, int bins)
    {
        var bin = 0;
        var step = 1.0 / bins;
        for (var e = 1; e < bins; e++)
        {
            if (e * step < score) bin = e;
            else break;
        }
        return bin;
    }

    /// <summary>
    /// Cumulative gain curve: rows sorted by score from high to low (ties keep row order), X = share of rows
    /// targeted, Y = share of all positives captured; starts at (0, 0). NaN Y when there are no positives.
    /// </summary>
    public static Curve Gain(BinaryPredictions p)
    {
        var order = ByScoreDescending(p);
        var positives = p.Labels.Count(l => l);
        var x = new double[p.Count + 1];
        var y = new double[p.Count + 1];
        long captured = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (p.Labels[order[k]]) captured++;
            x[k + 1] = (double)(k + 1) / p.Count;
            y[k + 1] = positives == 0 ? double.NaN : (double)captured / positives;
        }
        return new Curve("gain", "share of rows targeted", "share of positives captured", x, y);
    }

    /// <summary>
    /// Lift and gain by group (deciles by default): rows sorted by score from high to low (ties keep row order),
    /// group g holds rows ⌊g·n/G⌋ .. ⌊(g+1)·n/G⌋ − 1.
    /// </summary>
    public static IReadOnlyList<LiftRow> LiftTable(BinaryPredictions p, int groups = 10)
    {
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, "a lift table needs at least one group");
        var order = ByScoreDescending(p);
        long totalPositives = p.Labels.LongCount(l => l);
        var baseRate = (double)totalPositives / p.Count;
        var rows = new List<LiftRow>(groups);
        long cumulativeRows = 0, cumulativePositives = 0;
        for (var g = 0; g < groups; g++)
        {
            var start = (int)((long)g * p.Count / groups);
            var end = (int)((long)(g + 1) * p.Count / groups);
            if (end == start) continue;
            long positives = 0;
            for (var k = start; k < end; k++)
            {
                if (p.Labels[order[k]]) positives++;
            }
            cumulativeRows += end - start;
            cumulativePositives += positives;
            var rate = (double)positives / (end - start);
            var gain = totalPositives == 0 ? double.NaN : (double)cumulativePositives / totalPositives;
            rows.Add(new LiftRow(
                g + 1, end - start, positives, rate,
                totalPositives == 0 ? double.NaN : rate / baseRate,
                gain,
                totalPositives == 0 ? double.NaN : gain / ((double)cumulativeRows / p.Count),
                p.Scores[order[end - 1]], p.Scores[order[start]]));
        }
        return rows;
    }

    private static int[] ByScoreDescending(BinaryPredictions p) => ScoreOrder.Descending(p.Scores);
}

/// <summary>
/// One group of a lift table: its rows and positives, its positive rate, lift = rate / overall base rate, gain =
/// cumulative share of positives captured, cumulative lift = gain / cumulative share of rows, and the score range.
/// </summary>
public sealed record LiftRow(int Group, long Rows, long Positives, double PositiveRate, double Lift, double Gain, double CumulativeLift, double MinScore, double MaxScore);
