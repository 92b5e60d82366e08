using System.Globalization;
using Flywheel.Evaluation;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Results;
using Flywheel.Tasks;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Reports;

/// <summary>What the model page shows: the use case, the model's name, how it was trained and how it did.</summary>
public sealed record ModelReportInput(UseCase UseCase, string ModelName, TrainingRecord Training, EvaluationReport Test, EvaluationReport Validation);

/// <summary>
/// The model pages of the report: leaderboard, learning curve with its diagnosis, metrics, ROC/PR/calibration,
/// confusion matrix, feature importance, value versus threshold with the chosen point, and the payback chart with
/// the model's decision results fed into the value model.
/// </summary>
public static class ModelReport
{
    public const int LeaderboardRows = 15;

    public static ReportDocument Build(ModelReportInput input)
    {
        var report = new ReportDocument($"Model — {input.UseCase.Name}", $"{input.ModelName}: {input.Training.Trainer}, {input.Training.Task} on '{input.Training.Target}'");
        AddTo(report, input);
        return report;
    }

    /// <summary>Adds the model sections to a report (the <c>run</c> report puts them after the value and data pages).</summary>
    public static void AddTo(ReportDocument report, ModelReportInput input)
    {
        ModelSummary.Add(report, input, Externals(input.Test));
        AddVerdict(report, input.Test);
        AddLeaderboard(report, input.Training);
        AddLearningCurve(report, input.Training);
        AddMetrics(report, input);
        AddCurves(report, input.Test);
        AddImportance(report, input.Training);
        AddDecision(report, input);
        AddPayback(report, input);
    }

    /// <summary>First screen: does the model beat deciding without it, in words, with the economics when they dominate.</summary>
    private static void AddVerdict(ReportDocument report, EvaluationReport test)
    {
        if (test.Decision is not { } d || DecisionVerdict.Sentence(d) is not { } verdict) return;
        var section = report.AddSection("Does the model pay?")
            .Callout(verdict, d.Policy == DecisionComparison.ModelPolicy && d.ValueAdded is { Interval90: [> 0, _] } ? CalloutKind.Info : CalloutKind.Warning);
        if (d.Economics is { } economics) section.Paragraph(economics);
    }

    private static void AddLeaderboard(ReportDocument report, TrainingRecord training)
    {
        var section = report.AddSection("Leaderboard").Table(ModelReportTables.Leaderboard(training, LeaderboardRows));
        var failed = training.Trials.Where(t => t.Error is not null).ToList();
        if (failed.Count > 0) section.Callout($"{NumberText.Count(failed.Count, "trial")} failed, e.g. {failed[0].Trainer}: {failed[0].Error}", CalloutKind.Warning);
    }

    private static void AddLearningCurve(ReportDocument report, TrainingRecord training)
    {
        if (training.Curve is not { } curve || training.Diagnosis is not { } diagnosis) return;
        report.AddSection("Learning curve")
            .Chart(ModelReportCharts.LearningCurve(curve), caption: $"{curve.Metric} on training and validation rows as boosting iterations grow")
            .Callout($"{diagnosis.Verdict}: {diagnosis.Finding}. {curve.EarlyStoppingSummary()}",
                diagnosis.IsConcern ? CalloutKind.Warning : CalloutKind.Info)
            .BulletList(diagnosis.Advice);
    }

    private static void AddMetrics(ReportDocument report, ModelReportInput input)
    {
        var section = report.AddSection("Metrics").Table(ModelReportTables.Metrics(input.Test, input.Validation));
        if (input.Test.ConfusionMatrix is { } matrix) section.Chart(ModelReportCharts.Confusion(matrix), 560, 420);
        if (input.Test.PerClass is { } perClass) section.Table(ModelReportTables.PerClass(perClass));
    }

    private static void AddCurves(ReportDocument report, EvaluationReport test)
    {
        var charts = new[] { "roc", "precision_recall", "calibration" }.Select(name => ModelReportCharts.Curve(test, name)).OfType<Charts.LineChart>().ToList();
        if (charts.Count == 0) return;
        var section = report.AddSection("Curves (test)");
        foreach (var chart in charts) section.Chart(chart, 560, 420);
    }

    private static void AddImportance(ReportDocument report, TrainingRecord training)
    {
        if (training.Importance is not { } importance) return;
        var metric = (MlTasks.Parse(training.Task) ?? MlTask.Regression).HeadlineMetric();
        report.AddSection("Feature importance")
            .Chart(ModelReportCharts.Importance(importance, metric), caption: "How much the test score drops when one input column is shuffled (mean of the repeats)");
    }

    private static void AddDecision(ReportDocument report, ModelReportInput input)
    {
        if (input.Test.Decision is not { } d || input.UseCase.Decision is not { } section) return;
        if (DecisionSettings.From(section).Binary is not { } outcomes)
        {
            AddValueDecision(report, d);
            return;
        }
        var testRoc = input.Test.Curves?.FirstOrDefault(c => c.Name == "roc");
        var chosenOn = d.ChosenOn ?? "validation";
        var validationRoc = input.Validation.Curves?.FirstOrDefault(c => c.Name == "roc");
        var page = report.AddSection("Decision");
        page.KeyFigures(
            new KeyFigure("Threshold", $"{d.Threshold:0.####}", $"chosen on {chosenOn}"),
            new KeyFigure("Value per item", Money(d.ValuePerItem, d.Currency), "on test"),
            new KeyFigure("At 0.5", Money(d.ValuePerItemAtHalf ?? double.NaN, d.Currency), "the plain rule, on test"),
            new KeyFigure("Value per day", d.ValuePerDay is { } perDay ? Money(perDay, d.Currency) : "-", "× decision.volume"));
        if (d.ReviewBand is { } band)
            page.Paragraph($"Review band [{band.Lower:0.####}, {band.Upper:0.####}): {d.ReviewRate:P1} of items go to a person, {d.ReviewerHoursPerDay:0.#} hours a day, {d.ReviewerPeople:0.##} people.");
        AddAlternatives(page, d);
        if (testRoc is not null && validationRoc is not null && d.Prevalence is { } prevalence)
        {
            var validationPrevalence = input.Validation.Decision?.Prevalence ?? prevalence;
            page.Chart(ModelReportCharts.ValueVersusThreshold(
                    ModelReportCharts.ValueByThreshold(validationRoc, outcomes, validationPrevalence),
                    ModelReportCharts.ValueByThreshold(testRoc, outcomes, prevalence), d),
                caption: "Expected value per item if everything at or above the threshold is acted on (no review band)");
        }
    }

    /// <summary>Multiclass and regression: the value of the model's decisions, and the review share when uncertain items go to a person.</summary>
    private static void AddValueDecision(ReportDocument report, DecisionReport d)
    {
        var page = report.AddSection("Decision").KeyFigures(
            new KeyFigure("Value per item", Money(d.ValuePerItem, d.Currency), "on test"),
            new KeyFigure("Value per day", d.ValuePerDay is { } perDay ? Money(perDay, d.Currency) : "-", "× decision.volume"),
            new KeyFigure("Reviewed", $"{d.ReviewRate:P1}", d.ReviewBand is { } band ? $"top-class probability below {band.Upper:0.####}" : "no review band"));
        if (d.ReviewBand is not null)
            page.Paragraph($"Items the model is least sure of go to a person (the floor chosen on {d.ChosenOn ?? "validation"}): {d.ReviewRate:P1} of items, {d.ReviewerHoursPerDay:0.#} hours a day, {d.ReviewerPeople:0.##} people.");
        AddAlternatives(page, d);
    }

    /// <summary>The model beside the non-ML alternatives, and the counts at the chosen decision.</summary>
    private static void AddAlternatives(ReportSection page, DecisionReport d)
    {
        if (ModelReportTables.Alternatives(d) is not { } table) return;
        page.Table(table);
        if (d.ValuePerItemInterval90 is [var low, var high])
            page.Paragraph($"How stable the model's value is: 90% bootstrap interval of its value per item on test [{Money(low, d.Currency)}, {Money(high, d.Currency)}].");
        if (d.ConfusionMatrix is { } matrix)
            page.Table(ModelReportTables.DecisionCounts(matrix) with
            {
                Caption = $"Test rows at the chosen decision ({matrix.Policy}); the confusion matrix under Metrics is at 0.5 / the most probable class, for comparison",
            });
    }

    private static void AddPayback(ReportDocument report, ModelReportInput input)
    {
        if (input.UseCase.Value is not { } value) return;
        var externals = Externals(input.Test);
        var withModel = ValueAnalysis.Run(input.UseCase, externals: externals);
        var readsResults = ReadsModelResults(value);
        ValueAnalysisResult? planned = null;
        try
        {
            // Beside the model's curve, the plan's, when the two differ and the plan stands on its own.
            if (readsResults) planned = ValueAnalysis.Run(input.UseCase);
        }
        catch (InputException)
        {
            // The value model reads decision.* names it gets only from a model; there is no "as planned" curve then.
        }
        var section = report.AddSection("Payback with this model")
            .Paragraph($"The model's measured results enter the value model as variables: {string.Join(", ", externals.Keys)}.");
        if (!readsResults)
            section.Callout("The value model reads none of these variables yet, so the curve is the plan's. Write the model's results into a formula " +
                            "(for example value: decision.value_per_day - value_without_model, or after_workers: decision.reviewer_people) to see what this model is worth.",
                CalloutKind.Warning);
        section.Chart(ModelReportCharts.Payback(withModel, planned));
    }

    private static bool ReadsModelResults(UseCases.ValueSection value) =>
        value.Formulas.Select(formula => formula.Expression.Value).Append(value.Value.Value)
            .Any(text => text.Contains("decision.", StringComparison.Ordinal) || text.Contains("model.", StringComparison.Ordinal));

    /// <summary>The evaluation's results as value-model quantities (model.auc, decision.value_per_day, …).</summary>
    public static IReadOnlyDictionary<string, Quantity> Externals(EvaluationReport test) =>
        ValueVariables.From(test).ToDictionary(pair => pair.Key, pair => Unit.Parse(pair.Value.Unit).Of(pair.Value.Amount), StringComparer.Ordinal);

    private static string Money(double value, string currency) => NumberText.Money(value, currency);

    /// <summary>A leaderboard row's hyperparameters as "name=value" pairs, numbers as numbers (no exponent notation).</summary>
    public static string Settings(LeaderboardRow row) =>
        string.Join(", ", row.Settings.Select(p => $"{p.Key}={NumberText.Number(p.Value)}"));
}
