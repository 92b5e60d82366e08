using Flywheel.Data.Sources;
using Flywheel.Evaluation;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;
using Flywheel.Evaluation.Results;
using Flywheel.Serving;
using Flywheel.Tasks;

namespace Flywheel.Workflows;

/// <summary>
/// Scores a labelled CSV — new data, a later month, another market — with a packaged model and evaluates it as
/// training evaluated the test split: the full metric catalog, and the decisions priced with the policy the package
/// holds (its threshold, review band or floor; never re-tuned on these rows) at the use case's outcome values.
/// Rows without a label are skipped and counted.
/// </summary>
public static class LabelledDataEvaluation
{
    public sealed record Result(EvaluationReport Report, long Scored, long Unlabelled);

    /// <summary>Seeds the bootstrap intervals, so the same file gives the same figures.</summary>
    public const int Seed = 1729;

    public static Result Run(ScoringModel model, string file, DecisionSettings? decision = null)
    {
        var spec = model.Spec;
        using var scored = new ScoredCsv(model, file);
        var target = Array.FindIndex(scored.Header, name => name.Trim() == spec.Policy.Target);
        if (target < 0)
            throw new InputException($"the file has no column '{spec.Policy.Target}', the model's target; evaluating needs the true labels (to score rows without them, use 'flywheel predict')", file, 1);

        var labels = new List<string>();
        var rows = new List<ScoredRow>();
        long unlabelled = 0;
        foreach (var (record, row) in scored.Rows())
        {
            var label = target < record.Fields.Length ? record.Fields[target].Trim() : "";
            if (scored.Dialect.IsMissing(label))
            {
                unlabelled++;
                continue;
            }
            labels.Add(CheckLabel(spec, scored.Dialect, label, file, record.Line));
            rows.Add(row);
        }
        if (rows.Count == 0)
            throw new InputException($"no row has a label in '{spec.Policy.Target}'; there is nothing to evaluate against", file);

        var report = Evaluate(spec, labels, rows, decision, scored.Dialect, out _);
        return new Result(report, rows.Count, unlabelled);
    }

    /// <summary>
    /// The metric catalog and priced decisions of scored rows against their labels (classes as text, regression
    /// targets as numbers in <paramref name="dialect"/>), and each row's value under the package's policy
    /// (<paramref name="priced"/>, null when the use case prices nothing), so two models can be compared row by row.
    /// </summary>
    public static EvaluationReport Evaluate(ServingSpec spec, IReadOnlyList<string> labels, IReadOnlyList<ScoredRow> rows, DecisionSettings? decision, CsvDialect dialect, out PricedRows? priced)
    {
        var labelList = labels.ToList();
        var rowList = rows.ToList();
        return spec.Task switch
        {
            MlTask.Binary => Binary(spec, labelList, rowList, decision, out priced),
            MlTask.Multiclass => Multiclass(spec, labelList, rowList, decision, out priced),
            _ => Regression(labelList.Select(label => Number(dialect, label)).ToList(), rowList, decision, out priced),
        };
    }

    private static double Number(CsvDialect dialect, string label) => dialect.TryNumber(label, out var value) ? value : double.NaN;

    private static string CheckLabel(ServingSpec spec, CsvDialect dialect, string label, string file, int line)
    {
        if (spec.Task == MlTask.Regression)
        {
            if (!dialect.TryNumber(label, out _))
                throw new InputException($"the target '{spec.Policy.Target}' must be a number, not '{label}'", file, line);
        }
        else if (!spec.Classes.Contains(label))
            throw new InputException($"'{label}' in '{spec.Policy.Target}' is not a class the model knows; its classes are: {string.Join(", ", spec.Classes)}", file, line);
        return label;
    }

    private static EvaluationReport Binary(ServingSpec spec, List<string> labels, List<ScoredRow> rows, DecisionSettings? decision, out PricedRows? priced)
    {
        priced = null;
        var classes = spec.BinaryClasses();
        var truth = labels.Select(label => label == classes.Positive).ToList();
        var scores = rows.Select(row => row.Score).ToList();
        var report = Evaluator.Binary(new BinaryPredictions(truth, scores), classes);
        if (decision?.Binary is not { } outcomes) return report;
        var band = decision.Options.Review is not null && spec.Policy is { ReviewLower: { } lower, ReviewUpper: { } upper } ? new ReviewBand(lower, upper) : null;
        var policy = DecisionPolicy.Fixed(spec.Policy.Threshold ?? 0.5, outcomes, decision.Options, band);
        var evaluated = policy.Evaluate(truth, scores) with
        {
            ConfusionMatrix = BinaryPricing.Matrix("model", truth, policy.Decide(scores), classes.Negative, classes.Positive, band is not null),
        };
        priced = BinaryPricing.Price(truth, policy.Decide(scores), outcomes, decision.Options);
        return report with
        {
            Decision = DecisionAnalysis.OnNewRows(evaluated, priced,
                BinaryPricing.Constant(truth, truth, outcomes, decision.Options), decision.Options.VolumePerDay, Seed),
        };
    }

    private static EvaluationReport Multiclass(ServingSpec spec, List<string> labels, List<ScoredRow> rows, DecisionSettings? decision, out PricedRows? priced)
    {
        priced = null;
        var classes = spec.Classes.ToList();
        var predictions = new MulticlassPredictions(labels.Select(label => classes.IndexOf(label)).ToList(), rows.Select(row => row.ClassProbabilities!).ToList(), classes);
        var report = Evaluator.Multiclass(predictions);
        if (decision?.Multiclass is not { } matrix) return report;
        var floor = ConfidenceReviewPolicy.Fixed(decision.Options.Review is null ? 0 : spec.Policy.ReviewUpper ?? 0, matrix, decision.Options);
        var decided = floor.Decide(predictions);
        var evaluated = floor.Evaluate(predictions) with
        {
            ConfusionMatrix = MulticlassPricing.Matrix("model", predictions.Labels, decided, classes, floor.Band is not null),
        };
        priced = MulticlassPricing.Price(predictions.Labels, decided, matrix, decision.Options);
        return report with
        {
            Decision = DecisionAnalysis.OnNewRows(evaluated, priced,
                MulticlassPricing.Constant(predictions, predictions, classes, matrix, decision.Options), decision.Options.VolumePerDay, Seed),
        };
    }

    private static EvaluationReport Regression(List<double> labels, List<ScoredRow> rows, DecisionSettings? decision, out PricedRows? priced)
    {
        var predictions = new RegressionPredictions(labels, rows.Select(row => row.Score).ToList());
        var report = Evaluator.Regression(predictions);
        priced = decision?.Regression is { } pricing ? RegressionPricing.Price(labels, predictions.Predicted, pricing) : null;
        return decision?.Regression is { } costs ? report with { Decision = costs.Evaluate(predictions, decision.Options.VolumePerDay) } : report;
    }
}
