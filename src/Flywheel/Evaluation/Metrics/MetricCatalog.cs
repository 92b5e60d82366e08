using Flywheel.Tasks;

namespace Flywheel.Evaluation.Metrics;

/// <summary>
/// The registry of metrics, one list per task. Adding a metric is adding one entry here and its calculation
/// next to the others.
/// </summary>
public static class MetricCatalog
{
    public static IReadOnlyList<Metric<BinaryPredictions>> Binary { get; } =
    [
        new(new("accuracy", MlTask.Binary, true, "Share of rows predicted correctly at the threshold."), BinaryMetrics.Accuracy),
        new(new("balanced_accuracy", MlTask.Binary, true, "Mean of the recall of each class present in the labels."), BinaryMetrics.BalancedAccuracy),
        new(new("precision", MlTask.Binary, true, "Share of predicted positives that are positive; 0 when nothing is predicted positive."), BinaryMetrics.Precision),
        new(new("recall", MlTask.Binary, true, "Share of positives that are predicted positive; 0 when there are no positives."), BinaryMetrics.Recall),
        new(new("f1", MlTask.Binary, true, "Harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN)."), BinaryMetrics.F1),
        new(new("auc", MlTask.Binary, true, "Area under the ROC curve (trapezoid; tied scores count half).", "only one class is present in the labels"), BinaryMetrics.Auc),
        new(new("auc_pr", MlTask.Binary, true, "Average precision: area under the precision–recall curve as a step function.", "there are no positive labels"), BinaryMetrics.AveragePrecision),
        new(new("log_loss", MlTask.Binary, false, "Mean negative natural log of the probability given to the true class (clipped at 1e-15)."), BinaryMetrics.LogLoss),
    ];

    public static IReadOnlyList<Metric<MulticlassPredictions>> Multiclass { get; } =
    [
        new(new("accuracy", MlTask.Multiclass, true, "Share of rows whose predicted class is the true class."), MulticlassMetrics.Accuracy),
        new(new("balanced_accuracy", MlTask.Multiclass, true, "Mean of the recall of each class present in the labels."), MulticlassMetrics.BalancedAccuracy),
        new(new("f1_macro", MlTask.Multiclass, true, "Unweighted mean of per-class F1 over the classes seen in labels or predictions."), MulticlassMetrics.F1Macro),
        new(new("precision_macro", MlTask.Multiclass, true, "Unweighted mean of per-class precision over the classes seen in labels or predictions."), MulticlassMetrics.PrecisionMacro),
        new(new("recall_macro", MlTask.Multiclass, true, "Unweighted mean of per-class recall over the classes seen in labels or predictions."), MulticlassMetrics.RecallMacro),
        new(new("log_loss", MlTask.Multiclass, false, "Mean negative natural log of the probability given to the true class (clipped at 1e-15).", "the predictions carry no class probabilities"), MulticlassMetrics.LogLoss),
    ];

    public static IReadOnlyList<Metric<RegressionPredictions>> Regression { get; } =
    [
        new(new("mae", MlTask.Regression, false, "Mean absolute error, in the target's unit."), RegressionMetrics.MeanAbsoluteError),
        new(new("mse", MlTask.Regression, false, "Mean squared error, in the target's unit squared."), RegressionMetrics.MeanSquaredError),
        new(new("rmse", MlTask.Regression, false, "Square root of the mean squared error, in the target's unit."), RegressionMetrics.RootMeanSquaredError),
        new(new("r2", MlTask.Regression, true, "1 − SS_res / SS_tot; for a constant truth 1 if perfect, else 0.", "there are fewer than two rows"), RegressionMetrics.R2),
        new(new("mape", MlTask.Regression, false, "Mean of |y − ŷ| / max(|y|, 2.22e-16), a fraction (0.1 = 10%)."), RegressionMetrics.MeanAbsolutePercentageError),
    ];

    /// <summary>Every metric definition, all tasks.</summary>
    public static IEnumerable<MetricDefinition> Definitions =>
        Binary.Select(m => m.Definition).Concat(Multiclass.Select(m => m.Definition)).Concat(Regression.Select(m => m.Definition));

    /// <summary>The definition of a metric by task and name, or null when there is none.</summary>
    public static MetricDefinition? Find(MlTask task, string name) =>
        Definitions.FirstOrDefault(d => d.Task == task && d.Name == name);
}
