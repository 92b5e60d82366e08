using System.Globalization;
using Flywheel.Evaluation.Decisions;
using Flywheel.Value;
using Flywheel.Evaluation.Results;

namespace Flywheel.Reports;

/// <summary>
/// The first section of the model page. It leads with what the model is worth — value per day and per item on test,
/// the review staff it needs, the value added over the best alternative without a model — for the product manager,
/// then how it was made (trainer, metrics, latency) for the data scientist.
/// </summary>
internal static class ModelSummary
{
    public const string ValueAddedPerDay = "decision.value_added_per_day";
    public const string ValueAddedPerItem = "decision.value_added_per_item";

    public static void Add(ReportDocument report, ModelReportInput input, IReadOnlyDictionary<string, Quantity> externals)
    {
        var training = input.Training;
        var section = report.AddSection("Model").Callout(input.UseCase.Statement);
        var money = MoneyFigures(input.Test.Decision, externals);
        if (money.Count > 0) section.KeyFigures(money);
        section
            .KeyFigures(ScienceFigures(input))
            .Paragraph($"Task: {training.Task} ({training.TaskReason}). Scored on {training.Validation}; seed {training.Seed}. " +
                       $"Rows: train {training.Rows["train"]}, validation {training.Rows["validation"]}, test {training.Rows["test"]}.");
    }

    /// <summary>What the model's decisions are worth on test; none without a decision analysis.</summary>
    public static IReadOnlyList<KeyFigure> MoneyFigures(DecisionReport? d, IReadOnlyDictionary<string, Quantity> externals)
    {
        if (d is null) return [];
        var figures = new List<KeyFigure>
        {
            new("Value per day", d.ValuePerDay is { } perDay ? Money(perDay, d.Currency) : "-",
                d.ValuePerDay is null ? "give decision.volume to price a day" : "on test, × decision.volume"),
            new("Value per item", Money(d.ValuePerItem, d.Currency), PerItemNote(d)),
        };
        if (ValueAdded(externals, d.Currency) is { } added) figures.Add(added);
        if (d.ReviewBand is not null && d.ReviewerPeople is { } people)
            figures.Add(new KeyFigure("Review staff", $"{people.ToString("0.##", CultureInfo.InvariantCulture)} {(people.ToString("0.##", CultureInfo.InvariantCulture) == "1" ? "person" : "people")}",
                $"{d.ReviewerHoursPerDay?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-"} reviewer hours a day; {(100 * d.ReviewRate).ToString("0.#", CultureInfo.InvariantCulture)}% of items reviewed"));
        return figures;
    }

    /// <summary>
    /// The value added over the best alternative without a model, per day when the volume is known, else per item;
    /// null when the evaluation does not measure it.
    /// </summary>
    public static KeyFigure? ValueAdded(IReadOnlyDictionary<string, Quantity> externals, string currency)
    {
        const string note = "over the best alternative without a model, on test";
        if (externals.TryGetValue(ValueAddedPerDay, out var perDay))
            return new KeyFigure("Value added per day", Money(perDay.Value, currency), note);
        if (externals.TryGetValue(ValueAddedPerItem, out var perItem))
            return new KeyFigure("Value added per item", Money(perItem.Value, currency), note);
        return null;
    }

    public static IReadOnlyList<KeyFigure> ScienceFigures(ModelReportInput input)
    {
        var training = input.Training;
        var figures = new List<KeyFigure> { new("Trainer", training.Trainer, TrainerNote(training)) };
        foreach (var name in MainMetrics(training.Task))
        {
            if (input.Test.Metric(name) is { } value) figures.Add(new KeyFigure($"Test {name}", Number(value), $"{input.Test.Rows} test rows"));
        }
        if (training.Latency is { } latency)
            figures.Add(new KeyFigure("Latency p50 / p99", $"{latency.P50Milliseconds:0.##} / {latency.P99Milliseconds:0.##} ms", "one row at a time"));
        return figures;
    }

    /// <summary>
    /// How the model was chosen, in agreement with the leaderboard: an ensemble either beats the best single trial
    /// on validation, or was kept although it ranks below it because the lead is within the bootstrap noise.
    /// </summary>
    public static string TrainerNote(TrainingRecord training)
    {
        if (training.Ensemble is not { } ensemble) return $"best of {NumberText.Count(training.Trials.Count, "trial")} by {training.Objective}";
        var averaged = $"{ensemble.Members.Count} of {NumberText.Count(training.Trials.Count, "trial")} averaged";
        if (training.Leaderboard().FirstOrDefault(row => row.Trial is not null) is not { } single) return averaged;

        var lead = training.HigherIsBetter ? ensemble.Objective - single.Objective : single.Objective - ensemble.Objective;
        var best = $"the best single trial (#{single.Trial}, {training.Objective} {Number(single.Objective)})";
        return lead switch
        {
            > 0 => $"{averaged}, better than {best} by {Number(lead)} {training.Objective}",
            0 => $"{averaged}, as good as {best}",
            _ => $"{averaged} because within one bootstrap standard error of {best}: {training.Objective} {Number(ensemble.Objective)}; " +
                 "an average is less flattered by selection luck than the best of many trials",
        };
    }

    private static string PerItemNote(DecisionReport d)
    {
        var at = d.Threshold is { } threshold && double.IsFinite(threshold) ? $"at threshold {threshold.ToString("0.####", CultureInfo.InvariantCulture)}" : "on test";
        return d.ValuePerItemAtHalf is { } half ? $"{at}; at 0.5: {Money(half, d.Currency)}" : at;
    }

    private static IEnumerable<string> MainMetrics(string task) => task switch
    {
        "binary" => ["auc", "f1"],
        "multiclass" => ["accuracy", "f1_macro"],
        _ => ["rmse", "r2"],
    };

    private static string Number(double value) => NumberText.Number(value);

    private static string Money(double value, string currency) => NumberText.Money(value, currency);
}
