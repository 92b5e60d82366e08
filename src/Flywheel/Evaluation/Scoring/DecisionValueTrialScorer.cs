using Flywheel.Evaluation.Decisions;
using Flywheel.Training;
using Flywheel.Training.Search;

namespace Flywheel.Evaluation.Scoring;

/// <summary>
/// Scores a model search trial by money: the expected value per item (higher is better) of the model's decisions,
/// with every defined metric reported beside it under its catalog name plus <c>value_per_item</c>.
/// For binary tasks the threshold (and review band) is optimized on the very predictions being scored, so the figure
/// is slightly optimistic for every candidate alike; the chosen model's value is then reported honestly by a policy
/// optimized on validation and evaluated on test.
/// </summary>
public sealed class DecisionValueTrialScorer : ITrialScorer
{
    public const string Objective = "value_per_item";

    private readonly MlTask _task;
    private readonly Func<Predictions, double> _valuePerItem;
    private readonly int? _classCount;

    private DecisionValueTrialScorer(MlTask task, Func<Predictions, double> valuePerItem, int? classCount = null)
    {
        _task = task;
        _valuePerItem = valuePerItem;
        _classCount = classCount;
    }

    /// <summary>Binary: value per item of the best policy on the scored rows; NaN when a deployment prevalence is set
    /// and the rows lack a class it needs (such a trial never wins).</summary>
    public static DecisionValueTrialScorer Binary(BinaryOutcomeValues outcomes, DecisionOptions? options = null) =>
        new(MlTask.BinaryClassification, p =>
        {
            var labels = p.ToBinary().Labels;
            if (options?.Prevalence is { } prevalence
                && ((prevalence > 0 && !labels.Contains(true)) || (prevalence < 1 && !labels.Contains(false))))
                return double.NaN;
            return DecisionPolicy.Optimize(labels, p.Values, outcomes, options).ValidationValuePerItem!.Value;
        });

    public static DecisionValueTrialScorer Multiclass(MulticlassOutcomeValues values) =>
        new(MlTask.MulticlassClassification, p => values.Evaluate(p.ToMulticlass(classCount: values.ClassCount)).ValuePerItem, values.ClassCount);

    public static DecisionValueTrialScorer Regression(RegressionCosts costs) =>
        new(MlTask.Regression, p => costs.Evaluate(p.ToRegression()).ValuePerItem);

    public string ObjectiveName => Objective;
    public bool HigherIsBetter => true;

    public TrialScore Score(Predictions predictions)
    {
        if (predictions.Task != _task) throw new ArgumentException($"this scorer is for {_task.ToName()} predictions, not {predictions.Task.ToName()}");
        var value = _valuePerItem(predictions);
        var metrics = predictions.Evaluate(classCount: _classCount).Metrics.Where(m => m.Value is not null).ToDictionary(m => m.Name, m => m.Value!.Value);
        metrics[Objective] = value;
        return new TrialScore(value, metrics);
    }
}
