using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Importance;
using Flywheel.Evaluation.Results;
using Flywheel.Reports.Charts;
using Flywheel.Training.Curves;
using Flywheel.Value;

namespace Flywheel.Reports;

/// <summary>A threshold and the expected value per item of acting on scores at or above it.</summary>
public sealed record ThresholdValue(double Threshold, double ValuePerItem);

/// <summary>The charts of the model page, each built from a result shape of the Training or Evaluation stage.</summary>
public static class ModelReportCharts
{
    public static LineChart LearningCurve(LearningCurve curve) =>
        new($"Learning curve — {curve.Trainer}", "iterations", curve.Metric,
            [
                new LineSeries("training", curve.Points.Select(p => (double)p.Iterations).ToList(), curve.Points.Select(p => p.Train).ToList()),
                new LineSeries("validation", curve.Points.Select(p => (double)p.Iterations).ToList(), curve.Points.Select(p => p.Validation).ToList()),
            ])
        {
            Markers = [new ChartMarker(curve.Best.Iterations, curve.Best.Validation, $"early stop: {curve.BestIterations}")],
            ReferenceLines = [ReferenceLine.Vertical(curve.ConfiguredIterations, "searched")],
        };

    /// <summary>ROC and precision–recall with a diagonal for chance; calibration with the perfect line.</summary>
    public static LineChart? Curve(EvaluationReport report, string name)
    {
        var curve = report.Curves?.FirstOrDefault(c => c.Name == name);
        if (curve is null) return null;
        var series = new List<LineSeries> { new("test", curve.X.ToList(), curve.Y.ToList()) };
        if (name is "roc" or "calibration") series.Add(new LineSeries(name == "roc" ? "chance" : "perfectly calibrated", [0.0, 1.0], [0.0, 1.0]));
        var title = name switch { "roc" => "ROC curve", "precision_recall" => "Precision–recall curve", "calibration" => "Calibration", _ => curve.Name };
        return new LineChart(title, curve.XLabel, curve.YLabel, series) { Limits = new AxisLimits(0, 1, 0, 1) };
    }

    public static HeatmapChart Confusion(ConfusionMatrix matrix)
    {
        var k = matrix.Classes.Count;
        var values = new double[k, k];
        for (var actual = 0; actual < k; actual++)
            for (var predicted = 0; predicted < k; predicted++)
                values[actual, predicted] = matrix.Counts[actual][predicted];
        return new HeatmapChart("Confusion matrix (test)", matrix.Classes, matrix.Classes, values)
        {
            XLabel = "predicted", YLabel = "actual", ColorBarLabel = "rows", ValueFormat = "0",
        };
    }

    public static BarChart Importance(PermutationImportanceResult importance, string metric, int top = 15) =>
        new("Permutation importance (test)", "column", $"drop in {metric} when shuffled",
            importance.Features.Take(top).Select(f => new BarItem(f.Feature, f.MeanDrop)).ToList())
        { ValueFormat = "0.###" };

    /// <summary>
    /// Expected value per item at every ROC threshold, at base rate π:
    /// π·(TPR·v_TP + (1 − TPR)·v_FN) + (1 − π)·(FPR·v_FP + (1 − FPR)·v_TN). The +∞ threshold (nobody acted on) is kept as 1.
    /// </summary>
    public static IReadOnlyList<ThresholdValue> ValueByThreshold(Curve roc, BinaryOutcomeValues outcomes, double prevalence)
    {
        var points = new List<ThresholdValue>();
        for (var i = 0; i < roc.X.Count && i < (roc.Thresholds?.Count ?? 0); i++)
        {
            var (fpr, tpr) = (roc.X[i], roc.Y[i]);
            var value = prevalence * (tpr * outcomes.TruePositive + (1 - tpr) * outcomes.FalseNegative)
                + (1 - prevalence) * (fpr * outcomes.FalsePositive + (1 - fpr) * outcomes.TrueNegative);
            var threshold = roc.Thresholds![i];
            points.Add(new ThresholdValue(double.IsFinite(threshold) ? Math.Clamp(threshold, 0, 1) : 1, value));
        }
        return points.OrderBy(p => p.Threshold).ToList();
    }

    public static LineChart ValueVersusThreshold(IReadOnlyList<ThresholdValue> validation, IReadOnlyList<ThresholdValue> test, DecisionReport decision)
    {
        return new LineChart("Value per item by threshold", "threshold", $"{decision.Currency} per item",
            [
                new LineSeries("validation (where the threshold is chosen)", validation.Select(p => p.Threshold).ToList(), validation.Select(p => p.ValuePerItem).ToList()),
                new LineSeries("test (where it is reported)", test.Select(p => p.Threshold).ToList(), test.Select(p => p.ValuePerItem).ToList()),
            ])
        {
            Markers = [new ChartMarker(decision.Threshold ?? 0.5, decision.ValuePerItem, $"chosen {decision.Threshold:0.####}")],
            ReferenceLines = [ReferenceLine.Vertical(0.5, "0.5")],
        };
    }

    /// <summary>Cumulative value over time per scenario, with the model's measured decision results fed in.</summary>
    public static LineChart Payback(ValueAnalysisResult withModel, ValueAnalysisResult? planned)
    {
        var series = new List<LineSeries>();
        foreach (var scenario in withModel.Scenarios)
        {
            var curve = scenario.Payback.Curve();
            series.Add(new LineSeries($"{scenario.Name} (with the model's results)", curve.Select(p => p.Day / 30.4375).ToList(), curve.Select(p => p.Cumulative).ToList()));
        }
        if (planned is not null)
        {
            var curve = planned.Base.Payback.Curve();
            series.Add(new LineSeries("base (as planned)", curve.Select(p => p.Day / 30.4375).ToList(), curve.Select(p => p.Cumulative).ToList()));
        }
        var payback = withModel.Base.Payback;
        return new LineChart("Payback", "month", payback.Currency, series)
        {
            ReferenceLines = [ReferenceLine.Horizontal(0, "break-even"), ReferenceLine.Vertical(payback.DelayDays / 30.4375, "delay")],
        };
    }
}
