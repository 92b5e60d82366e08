using Flywheel.Evaluation.Curves;
using Flywheel.Evaluation.Metrics;
using Flywheel.Evaluation.Results;

namespace Flywheel.Evaluation;

/// <summary>
/// The way in: computes every catalog metric, the confusion matrix, per-class table and curves for one set of
/// predictions. Add the decision analysis with <c>report with { Decision = policy.Evaluate(...) }</c>.
/// </summary>
public static class Evaluator
{
    /// <summary>Binary report; class names label the 2×2 confusion matrix (negative first).</summary>
    public static EvaluationReport Binary(BinaryPredictions predictions, string negativeName = "negative", string positiveName = "positive", int calibrationBins = 10)
    {
        var c = predictions.Confusion();
        var matrix = new ConfusionMatrix([negativeName, positiveName],
            [[c.TrueNegative, c.FalsePositive], [c.FalseNegative, c.TruePositive]]);
        var curves = new List<Curve> { BinaryCurves.Roc(predictions), BinaryCurves.PrecisionRecall(predictions), BinaryCurves.Gain(predictions) };
        if (predictions.Scores.All(s => s is >= 0 and <= 1)) curves.Add(BinaryCurves.Calibration(predictions, calibrationBins));
        return new EvaluationReport(
            "binary",
            predictions.Count,
            MetricCatalog.Binary.Select(m => m.Evaluate(predictions)).ToList(),
            matrix,
            Curves: curves,
            Lift: BinaryCurves.LiftTable(predictions));
    }

    public static EvaluationReport Multiclass(MulticlassPredictions predictions) =>
        new("multiclass",
            predictions.Count,
            MetricCatalog.Multiclass.Select(m => m.Evaluate(predictions)).ToList(),
            MulticlassMetrics.Confusion(predictions),
            MulticlassMetrics.PerClass(predictions));

    public static EvaluationReport Regression(RegressionPredictions predictions) =>
        new("regression",
            predictions.Count,
            MetricCatalog.Regression.Select(m => m.Evaluate(predictions)).ToList());
}
