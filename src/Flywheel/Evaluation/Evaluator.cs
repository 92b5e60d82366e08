using Flywheel.Evaluation.Curves;
using Flywheel.Evaluation.Metrics;
using Flywheel.Evaluation.Results;
using Flywheel.Tasks;

namespace Flywheel.Evaluation;

/// <summary>
/// The way in: computes every catalog metric, the confusion matrix, per-class table and curves for one set of
/// predictions. Add the decision analysis with <c>report with { Decision = policy.Evaluate(...) }</c>.
/// Curves in a report keep at most <see cref="MaxCurvePoints"/> points (<see cref="Curve.Thinned"/>); call
/// <see cref="BinaryCurves"/> for the full ones.
/// </summary>
public static class Evaluator
{
    public const int MaxCurvePoints = 1001;

    /// <summary>Binary report; the classes label the 2×2 confusion matrix (negative first), "negative" and "positive" when not given.</summary>
    public static EvaluationReport Binary(BinaryPredictions predictions, BinaryClasses? classes = null, int calibrationBins = 10)
    {
        var c = predictions.Confusion();
        classes ??= new BinaryClasses("negative", "positive");
        var matrix = new ConfusionMatrix([classes.Negative, classes.Positive],
            [[c.TrueNegative, c.FalsePositive], [c.FalseNegative, c.TruePositive]]);
        var curves = new List<Curve> { BinaryCurves.Roc(predictions), BinaryCurves.PrecisionRecall(predictions), BinaryCurves.Gain(predictions) };
        if (predictions.Scores.All(s => s is >= 0 and <= 1)) curves.Add(BinaryCurves.Calibration(predictions, calibrationBins));
        curves = curves.Select(curve => curve.Thinned(MaxCurvePoints)).ToList();
        return new EvaluationReport(
            MlTask.Binary.Name(),
            predictions.Count,
            MetricCatalog.Binary.Select(m => m.Evaluate(predictions)).ToList(),
            matrix,
            Curves: curves,
            Lift: BinaryCurves.LiftTable(predictions));
    }

    public static EvaluationReport Multiclass(MulticlassPredictions predictions) =>
        new(MlTask.Multiclass.Name(),
            predictions.Count,
            MetricCatalog.Multiclass.Select(m => m.Evaluate(predictions)).ToList(),
            MulticlassMetrics.Confusion(predictions),
            MulticlassMetrics.PerClass(predictions));

    public static EvaluationReport Regression(RegressionPredictions predictions) =>
        new(MlTask.Regression.Name(),
            predictions.Count,
            MetricCatalog.Regression.Select(m => m.Evaluate(predictions)).ToList());
}
