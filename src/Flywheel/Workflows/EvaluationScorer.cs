using Flywheel.Data.Preprocessing;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;
using Flywheel.Evaluation.Results;
using Flywheel.Tasks;
using Flywheel.Training;
using Flywheel.Training.Search;

namespace Flywheel.Workflows;

/// <summary>
/// Scores trials with the Evaluation stage: every catalog metric for the task, and as the objective either one
/// of them (<c>training.objective</c>) or — when the use case prices binary outcomes — the expected value per item
/// of the decision policy optimized on the same out-of-sample predictions.
/// </summary>
public sealed class EvaluationScorer : ITrialScorer
{
    public const string ValueObjective = "value_per_item";

    private readonly MlTask _task;
    private readonly LabelMapping _labels;
    private readonly DecisionSettings? _decision;

    private EvaluationScorer(MlTask task, LabelMapping labels, string objective, bool higherIsBetter, DecisionSettings? decision)
    {
        _task = task;
        _labels = labels;
        ObjectiveName = objective;
        HigherIsBetter = higherIsBetter;
        _decision = decision;
    }

    public string ObjectiveName { get; }
    public bool HigherIsBetter { get; }

    /// <summary>Default objectives: value per item when the decision section prices the task, else AUC, log loss or RMSE by task.</summary>
    public static EvaluationScorer For(MlTask task, LabelMapping labels, string? objective, DecisionSettings? decision, UseCases.SourcePosition? objectivePosition = null)
    {
        var prices = task switch
        {
            MlTask.Binary => decision?.Binary is not null,
            MlTask.Multiclass => decision?.Multiclass is not null,
            _ => decision?.Regression is not null,
        };
        var name = objective ?? (prices ? ValueObjective : task.DefaultObjective());
        if (name == ValueObjective)
        {
            if (!prices)
                throw Error($"'training.objective: {ValueObjective}' needs the decision section to price this task: 'decision.outcomes' (binary), 'decision.matrix' (multiclass) or 'decision.regression' (regression)");
            return new EvaluationScorer(task, labels, name, true, decision);
        }
        var definition = MetricCatalog.Find(task, name)
            ?? throw Error($"'training.objective' must be {ValueObjective} or a {task.Name()} metric: {string.Join(", ", MetricCatalog.Definitions.Where(d => d.Task == task).Select(d => d.Name))}; not '{name}'");
        return new EvaluationScorer(task, labels, name, definition.HigherIsBetter, decision);

        InputException Error(string message) => objectivePosition?.Error(message) ?? new InputException(message);
    }

    public TrialScore Score(Predictions predictions)
    {
        var metrics = Metrics(predictions);
        var values = metrics.Where(m => m.Value is not null).ToDictionary(m => m.Name, m => m.Value!.Value, StringComparer.Ordinal);
        if (ObjectiveName == ValueObjective) values[ValueObjective] = ValuePerItem(predictions, _decision!);
        return new TrialScore(values.TryGetValue(ObjectiveName, out var objective) ? objective : double.NaN, values);
    }

    /// <summary>Binary: the value of the policy optimized on these predictions; multiclass and regression: argmax or point predictions priced as they are.</summary>
    private double ValuePerItem(Predictions predictions, DecisionSettings decision) => _task switch
    {
        MlTask.Binary => DecisionPolicy.Optimize(predictions.ToBinary().Labels, predictions.ToBinary().Scores, decision.Binary!, decision.Options).ValidationValuePerItem!.Value,
        MlTask.Multiclass => decision.Multiclass!.Evaluate(predictions.ToMulticlass(_labels.Classes)).ValuePerItem,
        _ => decision.Regression!.Evaluate(predictions.ToRegression(_labels)).ValuePerItem,
    };

    private IReadOnlyList<MetricValue> Metrics(Predictions predictions) => _task switch
    {
        MlTask.Binary => MetricCatalog.Binary.Select(m => m.Evaluate(predictions.ToBinary())).ToList(),
        MlTask.Multiclass => MetricCatalog.Multiclass.Select(m => m.Evaluate(predictions.ToMulticlass(_labels.Classes))).ToList(),
        _ => MetricCatalog.Regression.Select(m => m.Evaluate(predictions.ToRegression(_labels))).ToList(),
    };
}
