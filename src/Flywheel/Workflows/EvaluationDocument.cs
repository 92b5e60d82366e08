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
    double? ReviewerPeople,
    string Policy,
    string? ChosenOn,
    IReadOnlyList<AlternativeDocument> Alternatives,
    ValueAddedDocument? ValueAdded,
    IReadOnlyList<double>? ValuePerItemInterval90,
    DecisionMatrix? ConfusionMatrix,
    string? Economics)
{
    public static DecisionDocument From(DecisionReport d) => new(
        d.Currency, d.Threshold, d.ValuePerItem, d.ValuePerDay, d.ValuePerItemAtHalf, d.ReviewBand, d.ReviewRate, d.ReviewerHoursPerDay, d.ReviewerPeople,
        d.Policy, d.ChosenOn,
        (d.Alternatives ?? []).Select(a => new AlternativeDocument(a.Name, a.Description, new SplitValues(a.ValidationValuePerItem, a.TestValuePerItem))).ToList(),
        d.ValueAdded is { } added ? new ValueAddedDocument(added.PerItem, added.PerDay, added.Interval90, added.Over, added.ValidationPerItem) : null,
        d.ValuePerItemInterval90, d.ConfusionMatrix, d.Economics);
}

/// <summary>One non-ML alternative: its name and value per item where the policy was chosen ("validation") and on test.</summary>
public sealed record AlternativeDocument(string Name, string Description, SplitValues ValuePerItem);

public sealed record SplitValues(double? Validation, double? Test);

/// <summary>The chosen model policy minus the best alternative, on test (per item, per day, 90% interval) and on validation.</summary>
public sealed record ValueAddedDocument(double PerItem, double? PerDay, IReadOnlyList<double> Interval90, string Over, double ValidationPerItem);

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
        test.Decision is { } d ? DecisionDocument.From(d) : null,
        record.Latency,
        record.Trials.Count);

    /// <summary>What the figures were measured on: the test split at training time, or a labelled file scored now.</summary>
    public string? EvaluatedOn { get; init; }

    public string ToJson() => EvaluationJson.Serialize(this);
}
