using Flywheel.Evaluation.Results;

namespace Flywheel.Evaluation.Metrics;

/// <summary>
/// Calculations of the multiclass metrics (definitions are in <see cref="MetricCatalog"/>), as scikit-learn.
/// Macro averages run over the classes that occur in the labels or the predictions (sklearn's default
/// <c>labels=unique_labels(y_true, y_pred)</c>); a class never seen in either does not drag the average down.
/// </summary>
public static class MulticlassMetrics
{
    public static double Accuracy(MulticlassPredictions p)
    {
        var correct = 0;
        for (var i = 0; i < p.Count; i++)
        {
            if (p.Labels[i] == p.Predicted[i]) correct++;
        }
        return (double)correct / p.Count;
    }

    /// <summary>Mean recall of the classes present in the labels (sklearn balanced_accuracy_score).</summary>
    public static double BalancedAccuracy(MulticlassPredictions p) =>
        PerClass(p).Where(c => c.Support > 0).Average(c => c.Recall);

    public static double PrecisionMacro(MulticlassPredictions p) => SeenClasses(p).Average(c => c.Precision);

    public static double RecallMacro(MulticlassPredictions p) => SeenClasses(p).Average(c => c.Recall);

    public static double F1Macro(MulticlassPredictions p) => SeenClasses(p).Average(c => c.F1);

    /// <summary>
    /// Mean of −ln(p of the true class), as sklearn log_loss(eps=1e-15): every probability is clipped to
    /// [1e-15, 1 − 1e-15], then each row is divided by its sum. NaN when the predictions carry no probabilities.
    /// </summary>
    public static double LogLoss(MulticlassPredictions p)
    {
        if (p.Probabilities is null) return double.NaN;
        const double eps = BinaryMetrics.LogLossEpsilon;
        double sum = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var row = p.Probabilities[i];
            var rowSum = row.Sum(v => Math.Clamp(v, eps, 1 - eps));
            sum -= Math.Log(Math.Clamp(row[p.Labels[i]], eps, 1 - eps) / rowSum);
        }
        return sum / p.Count;
    }

    /// <summary>K×K counts, rows = actual class, columns = predicted class.</summary>
    public static ConfusionMatrix Confusion(MulticlassPredictions p)
    {
        var counts = new long[p.ClassCount][];
        for (var c = 0; c < p.ClassCount; c++) counts[c] = new long[p.ClassCount];
        for (var i = 0; i < p.Count; i++) counts[p.Labels[i]][p.Predicted[i]]++;
        return new ConfusionMatrix(p.ClassNames, counts);
    }

    /// <summary>
    /// Precision, recall, F1 and support of every class (all K, in class order). Precision is 0 for a class never
    /// predicted, recall 0 for a class with no support, F1 = 2·TP / (support + predicted) and 0 when both are 0.
    /// </summary>
    public static IReadOnlyList<ClassMetrics> PerClass(MulticlassPredictions p)
    {
        var matrix = Confusion(p).Counts;
        var result = new ClassMetrics[p.ClassCount];
        for (var c = 0; c < p.ClassCount; c++)
        {
            double truePositives = matrix[c][c];
            long support = 0, predicted = 0;
            for (var k = 0; k < p.ClassCount; k++)
            {
                support += matrix[c][k];
                predicted += matrix[k][c];
            }
            result[c] = new ClassMetrics(
                p.ClassNames[c],
                Ratio.OrZero(truePositives, predicted),
                Ratio.OrZero(truePositives, support),
                Ratio.OrZero(2 * truePositives, support + predicted),
                support,
                predicted);
        }
        return result;
    }

    private static IEnumerable<ClassMetrics> SeenClasses(MulticlassPredictions p) =>
        PerClass(p).Where(c => c.Support > 0 || c.Predicted > 0);
}
