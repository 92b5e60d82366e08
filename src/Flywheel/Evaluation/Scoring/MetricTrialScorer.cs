using Flywheel.Evaluation.Metrics;
using Flywheel.Training;
using Flywheel.Training.Search;

namespace Flywheel.Evaluation.Scoring;

/// <summary>
/// Scores a model search trial with one catalog metric as the objective; every defined metric of the task is
/// reported beside it (undefined ones are left out; an undefined objective is NaN and never beats another trial).
/// </summary>
public sealed class MetricTrialScorer : ITrialScorer
{
    private readonly MlTask _task;
    private readonly IReadOnlyList<string>? _classNames;

    public MetricTrialScorer(MlTask task, string objective, IReadOnlyList<string>? classNames = null)
    {
        var metricTask = TaskOf(task);
        var definition = MetricCatalog.Find(metricTask, objective)
            ?? throw new ArgumentException($"no {task.ToName()} metric '{objective}'; expected one of: {string.Join(", ", MetricCatalog.Definitions.Where(d => d.Task == metricTask).Select(d => d.Name))}");
        _task = task;
        _classNames = classNames;
        ObjectiveName = definition.Name;
        HigherIsBetter = definition.HigherIsBetter;
    }

    /// <summary>The default objective of each task: auc (binary), f1_macro (multiclass), rmse (regression).</summary>
    public static MetricTrialScorer Default(MlTask task, IReadOnlyList<string>? classNames = null) => new(task, task switch
    {
        MlTask.BinaryClassification => "auc",
        MlTask.MulticlassClassification => "f1_macro",
        _ => "rmse",
    }, classNames);

    public string ObjectiveName { get; }
    public bool HigherIsBetter { get; }

    public TrialScore Score(Predictions predictions)
    {
        if (predictions.Task != _task) throw new ArgumentException($"this scorer is for {_task.ToName()} predictions, not {predictions.Task.ToName()}");
        var metrics = predictions.Evaluate(_classNames).Metrics;
        var objective = metrics.Single(m => m.Name == ObjectiveName).Value ?? double.NaN;
        return new TrialScore(objective, metrics.Where(m => m.Value is not null).ToDictionary(m => m.Name, m => m.Value!.Value));
    }

    internal static MetricTask TaskOf(MlTask task) => task switch
    {
        MlTask.BinaryClassification => MetricTask.Binary,
        MlTask.MulticlassClassification => MetricTask.Multiclass,
        _ => MetricTask.Regression,
    };
}
