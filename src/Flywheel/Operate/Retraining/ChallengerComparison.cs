using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Results;
using Flywheel.Operate.Production;
using Flywheel.Serving;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Operate.Retraining;

/// <summary>
/// Scores the challenger and the champion on the same holdout rows, each with its own package and decision policy
/// (never re-tuned on the holdout), and compares the metric catalogs and the value the decisions are worth.
/// </summary>
public static class ChallengerComparison
{
    public sealed record Scored(ComparedModel Model, ScoringModel Scoring);

    public static ModelComparison Compare(UseCase useCase, string model, Scored? champion, Scored challenger, ProductionDataset holdout, string actor, DateTimeOffset now)
    {
        if (holdout.Rows.Count == 0) throw new InputException("the holdout has no labelled production rows to compare the models on", "holdout");
        var decision = useCase.Decision is { } section ? DecisionSettings.From(section) : null;
        var table = Inputs(holdout);
        var labels = holdout.Rows.Select(row => row.Label).ToList();
        var challengerReport = Evaluate(challenger.Scoring, table, labels, decision, out var challengerPriced);
        EvaluationReport? championReport = null;
        PricedRows? championPriced = null;
        if (champion is not null) championReport = Evaluate(champion.Scoring, table, labels, decision, out championPriced);

        var metrics = challengerReport.Metrics.Select(metric =>
        {
            var before = championReport?.Metric(metric.Name);
            var difference = before is { } b && metric.Value is { } a ? a - b : (double?)null;
            return new MetricComparison(metric.Name, before, metric.Value, difference, metric.HigherIsBetter);
        }).ToList();
        var value = championPriced is not null && challengerPriced is not null && decision is not null
            ? ChallengerValue.Compare(championPriced, challengerPriced, decision.Currency, decision.Options.VolumePerDay, ModelComparison.Seed)
            : null;
        var summary = new HoldoutSummary(holdout.Rows.Count, holdout.Fingerprint(), holdout.Rows[0].InferenceTime, holdout.Rows[^1].InferenceTime, holdout.LabelCounts);
        return new ModelComparison(Guid.NewGuid(), useCase.Name, model, champion?.Model, challenger.Model, summary, metrics, value,
            Verdict(champion, value, metrics), actor, now);
    }

    /// <summary>The holdout's input columns as a table the packages score (numbers as numbers, the rest as text).</summary>
    public static ColumnTable Inputs(ProductionDataset dataset) => new(dataset.Columns.Select((column, i) => column.Numeric
        ? TableColumn.Numeric(column.Name, dataset.Rows.Select(row => row.Numbers[i]).ToArray())
        : TableColumn.Text(column.Name, ColumnKind.Categorical, dataset.Rows.Select(row => row.Texts[i]).ToArray())).ToList());

    /// <summary>The rows as training reads them: the input columns and the target (the label as text).</summary>
    public static ColumnTable WithTarget(ProductionDataset dataset)
    {
        var inputs = Inputs(dataset);
        var target = TableColumn.Text(dataset.Target, ColumnKind.Categorical, dataset.Rows.Select(row => (string?)row.Label).ToArray());
        return new ColumnTable(inputs.Columns.Append(target).ToList());
    }

    private static EvaluationReport Evaluate(ScoringModel model, ColumnTable table, IReadOnlyList<string> labels, DecisionSettings? decision, out PricedRows? priced) =>
        LabelledDataEvaluation.Evaluate(model.Spec, labels, model.Score(table), decision, model.Spec.Dialect, out priced);

    private static string Verdict(Scored? champion, ChallengerValue? value, IReadOnlyList<MetricComparison> metrics)
    {
        if (champion is null) return "no champion to compare with: the challenger's figures on the holdout stand alone";
        if (value is null)
        {
            var headline = metrics.FirstOrDefault();
            return headline?.Difference is { } d
                ? $"no prices declared; {headline.Name} {(d >= 0 == headline.HigherIsBetter ? "improves" : "worsens")} by {Math.Abs(d):0.####}"
                : "no prices declared and no metric to compare";
        }
        var (low, high) = (value.PerItemInterval95[0], value.PerItemInterval95[1]);
        return low > 0 ? "the challenger pays more: the whole 95% interval of the value added is above zero"
            : high < 0 ? "the champion pays more: the whole 95% interval of the value added is below zero"
            : "no clear difference: the 95% interval of the value added includes zero";
    }
}
