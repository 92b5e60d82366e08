using Flywheel.Evaluation.Curves;

namespace Flywheel.Evaluation.Metrics;

/// <summary>
/// Calculations of the binary metrics (definitions are in <see cref="MetricCatalog"/>). Each follows scikit-learn;
/// a metric that is undefined on the input returns <see cref="double.NaN"/>, never throws.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>Natural-log loss clips probabilities to [eps, 1 − eps] with this eps.</summary>
    public const double LogLossEpsilon = 1e-15;

    public static double Accuracy(BinaryPredictions p)
    {
        var c = p.Confusion();
        return (double)(c.TruePositive + c.TrueNegative) / c.Total;
    }

    /// <summary>Mean recall of the classes present in the labels (sklearn balanced_accuracy_score, adjusted=false).</summary>
    public static double BalancedAccuracy(BinaryPredictions p)
    {
        var c = p.Confusion();
        var recalls = new List<double>(2);
        if (c.Positives > 0) recalls.Add((double)c.TruePositive / c.Positives);
        if (c.Negatives > 0) recalls.Add((double)c.TrueNegative / c.Negatives);
        return recalls.Average();
    }

    /// <summary>TP / (TP + FP); 0 when nothing is predicted positive (sklearn zero_division=0).</summary>
    public static double Precision(BinaryPredictions p)
    {
        var c = p.Confusion();
        return Ratio.OrZero(c.TruePositive, c.TruePositive + c.FalsePositive);
    }

    /// <summary>TP / (TP + FN); 0 when there are no positive labels (sklearn zero_division=0).</summary>
    public static double Recall(BinaryPredictions p)
    {
        var c = p.Confusion();
        return Ratio.OrZero(c.TruePositive, c.Positives);
    }

    /// <summary>2·TP / (2·TP + FP + FN); 0 when TP + FP + FN = 0 (sklearn zero_division=0).</summary>
    public static double F1(BinaryPredictions p)
    {
        var c = p.Confusion();
        return Ratio.OrZero(2.0 * c.TruePositive, 2.0 * c.TruePositive + c.FalsePositive + c.FalseNegative);
    }

    /// <summary>
    /// Area under the ROC curve by the trapezoid rule over <see cref="BinaryCurves.Roc"/> (sklearn roc_auc_score):
    /// tied scores form one step, which is the average-rank (Mann–Whitney) value. NaN when only one class is present.
    /// </summary>
    public static double Auc(BinaryPredictions p)
    {
        var points = ThresholdPoints.Of(p.Labels, p.Scores);
        if (points.Positives == 0 || points.Negatives == 0) return double.NaN;
        double area = 0, previousFpr = 0, previousTpr = 0;
        for (var k = 0; k < points.Thresholds.Length; k++)
        {
            var fpr = (double)points.FalsePositives[k] / points.Negatives;
            var tpr = (double)points.TruePositives[k] / points.Positives;
            area += (fpr - previousFpr) * (tpr + previousTpr) / 2;
            (previousFpr, previousTpr) = (fpr, tpr);
        }
        return area;
    }

    /// <summary>
    /// Average precision, Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds from high to low (sklearn average_precision_score;
    /// a step function, not the trapezoid). NaN when there are no positive labels.
    /// </summary>
    public static double AveragePrecision(BinaryPredictions p)
    {
        var points = ThresholdPoints.Of(p.Labels, p.Scores);
        if (points.Positives == 0) return double.NaN;
        double sum = 0, previousRecall = 0;
        for (var k = 0; k < points.Thresholds.Length; k++)
        {
            var tp = points.TruePositives[k];
            var recall = (double)tp / points.Positives;
            var precision = (double)tp / (tp + points.FalsePositives[k]);
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return sum;
    }

    /// <summary>Mean of −ln(p of the true class), p clipped to [1e-15, 1 − 1e-15] (sklearn log_loss).</summary>
    public static double LogLoss(BinaryPredictions p)
    {
        double sum = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var probabilityOfTruth = p.Labels[i] ? p.Scores[i] : 1 - p.Scores[i];
            sum -= Math.Log(Math.Clamp(probabilityOfTruth, LogLossEpsilon, 1 - LogLossEpsilon));
        }
        return sum / p.Count;
    }
}
