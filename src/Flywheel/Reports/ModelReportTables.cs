using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Results;

namespace Flywheel.Reports;

/// <summary>
/// The tables of the model page, computed once: the HTML page (<see cref="ModelReport"/>), the report JSON and the
/// CLI tables of <c>train</c> and <c>evaluate</c> render these.
/// </summary>
public static class ModelReportTables
{
    /// <summary>The best <paramref name="top"/> trials and the ensemble, best first by the objective on validation.</summary>
    public static ReportTable Leaderboard(TrainingRecord training, int top)
    {
        var ranked = training.Leaderboard().Take(top).ToList();
        var rows = ranked.Select((row, rank) => (IReadOnlyList<TableCell>)
        [
            rank + 1, row.Trial is { } number ? (TableCell)number : "-", row.Model, row.Objective,
            row.DurationSeconds is { } seconds ? TableCell.Number(NumberText.Fixed(seconds, 2)) : "-",
            ModelReport.Settings(row),
        ]).ToList();
        return new ReportTable(["rank", "trial", "trainer", training.Objective, "seconds", "hyperparameters"], rows,
            $"Best {ranked.Count} of {NumberText.Count(training.Trials.Count, "trial")}{(training.Ensemble is null ? "" : " and their ensemble")}, by {training.Objective} on {training.Validation}");
    }

    /// <summary>
    /// The metrics by name; beside the validation values when there are some (where the model and threshold were
    /// chosen), else alone in a column named <paramref name="column"/> (a labelled file scored now).
    /// </summary>
    public static ReportTable Metrics(EvaluationReport test, EvaluationReport? validation = null, string column = "test")
    {
        if (validation is null)
        {
            return new ReportTable(["metric", column],
                test.Metrics.Select(metric => (IReadOnlyList<TableCell>)[metric.Name, metric.Value is { } value ? value : TableCell.Plain(metric.Note ?? "undefined")]).ToList(),
                $"Metrics ({NumberText.Count(test.Rows, "row")})");
        }
        var rows = test.Metrics.Select(metric => (IReadOnlyList<TableCell>)
        [
            metric.Name,
            Cell(validation.Metric(metric.Name)),
            Cell(metric.Value),
            metric.HigherIsBetter ? "higher" : "lower",
        ]).ToList();
        return new ReportTable(["metric", "validation", "test", "better"], rows,
            "Validation: where the model and threshold were chosen; test: rows never used for a choice");
    }

    /// <summary>Counts by actual class (rows) and predicted class (columns), at 0.5 / the most probable class.</summary>
    public static ReportTable Confusion(ConfusionMatrix matrix) =>
        new(["actual \\ predicted", .. matrix.Classes],
            matrix.Classes.Select((actual, row) => (IReadOnlyList<TableCell>)[actual, .. matrix.Counts[row].Select(count => (TableCell)count)]).ToList(),
            "Confusion matrix (rows actual, columns predicted)");

    public static ReportTable PerClass(IReadOnlyList<ClassMetrics> perClass) =>
        new(["class", "precision", "recall", "f1", "support"],
            perClass.Select(c => (IReadOnlyList<TableCell>)[c.Class, c.Precision, c.Recall, c.F1, c.Support]).ToList());

    /// <summary>Counts at the chosen decision: rows actual, columns decided (review as its own column).</summary>
    public static ReportTable DecisionCounts(DecisionMatrix matrix) =>
        new(["actual \\ decided", .. matrix.Decided],
            matrix.Actual.Select((actual, row) => (IReadOnlyList<TableCell>)[actual, .. matrix.Counts[row].Select(count => (TableCell)count)]).ToList(),
            $"At the decision ({matrix.Policy}; rows actual, columns decided)");

    /// <summary>The model beside the non-ML alternatives, on the rows where the policy was chosen and on test; null without alternatives.</summary>
    public static ReportTable? Alternatives(DecisionReport d)
    {
        if (d.Alternatives is not { Count: > 0 } alternatives) return null;
        var rows = new List<IReadOnlyList<TableCell>>
        {
            new[] { d.Policy == DecisionComparison.ModelPolicy ? "model (chosen)" : "model", "the model's policy", Money(d.ValidationValuePerItem, d.Currency), Money(d.ValuePerItem, d.Currency) },
        };
        rows.AddRange(alternatives.Select(a => (IReadOnlyList<TableCell>)new[]
            { a.Name == d.Policy ? $"{a.Name} (chosen)" : a.Name, a.Description, Money(a.ValidationValuePerItem, d.Currency), Money(a.TestValuePerItem, d.Currency) }));
        return new ReportTable(["way of deciding", "what it does", "per item where chosen", "per item on test"], rows,
            $"The same rows and prices for every way of deciding; chosen on {d.ChosenOn ?? "validation"}, never on test");
    }

    private static TableCell Money(double? value, string currency) =>
        value is { } amount ? TableCell.Money(amount, currency) : TableCell.Number("-");

    private static TableCell Cell(double? value) => value is { } number ? number : "undefined";
}
