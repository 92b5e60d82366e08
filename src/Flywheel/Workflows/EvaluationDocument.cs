using Flywheel.Evaluation;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Results;

namespace Flywheel.Workflows;

/// <summary>The decision part of <c>flywheel evaluate --json</c>.</summary>
public sealed record DecisionDocument(
    string Currency,
    double? Threshold,
    double ValuePerItem,
    double? ValuePerDay,
    double? ValuePerItemAtHalf,
    ReviewBand? ReviewBand,
    double ReviewRate,
    double? ReviewerHoursPerDay,
    double? ReviewerPeople);

/// <summary>
/// What <c>flywheel evaluate --json</c> (and <c>train --json</c>) print: the task, the model, test metrics by name,
/// the confusion matrix and the decision analysis, plus the trainer, objective and latency.
/// </summary>
public sealed record EvaluationDocument(
    string Task,
    string Model,
    string Trainer,
    string Objective,
    IReadOnlyDictionary<string, double?> Metrics,
    ConfusionMatrix? ConfusionMatrix,
    DecisionDocument? Decision,
    LatencySummary? Latency,
    int Trials)
{
    public static EvaluationDocument From(TrainingRecord record, EvaluationReport test, string model) => new(
        record.Task,
        model,
        record.Trainer,
        record.Objective,
        test.Metrics.ToDictionary(metric => metric.Name, metric => metric.Value, StringComparer.Ordinal),
        test.ConfusionMatrix,
        test.Decision is { } d
            ? new DecisionDocument(d.Currency, d.Threshold, d.ValuePerItem, d.ValuePerDay, d.ValuePerItemAtHalf, d.ReviewBand, d.ReviewRate, d.ReviewerHoursPerDay, d.ReviewerPeople)
            : null,
        record.Latency,
        record.Trials.Count);

    /// <summary>What the figures were measured on: the test split at training time, or a labelled file scored now.</summary>
    public string? EvaluatedOn { get; init; }

    public string ToJson() => EvaluationJson.Serialize(this);
}
