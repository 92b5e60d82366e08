using Flywheel.Cli.Report;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Results;
using Flywheel.Reports;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Train;

/// <summary>
/// The human-readable result of training: the model page's tables (<see cref="ModelReportTables"/>: leaderboard,
/// metrics, confusion matrix, decision counts) rendered with Spectre.Console, and the learning-curve diagnosis and
/// the decision in sentences.
/// </summary>
internal static class TrainingTables
{
    public const int LeaderboardRows = 10;

    public static void Write(IAnsiConsole console, TrainOutcome outcome)
    {
        var record = outcome.Record;
        console.MarkupLine($"[bold]{Markup.Escape(record.UseCase)}[/]: {Markup.Escape(record.Task)} on '{Markup.Escape(record.Target)}' ({Markup.Escape(record.TaskReason)})");
        console.MarkupLine(Markup.Escape($"{NumberText.Count(record.Trials.Count, "trial")} in {NumberText.Count((long)Math.Round(record.BudgetSeconds), "second")}, "
            + $"scored by {record.Objective} on {record.Validation}, seed {record.Seed}"));
        Leaderboard(console, record);
        Curve(console, record);
        Metrics(console, outcome.Test);
        Decision(console, outcome.Test);
        if (record.Importance is { } importance)
        {
            var top = importance.Features.Take(5).Select(f => $"{f.Feature} ({(f.MeanDrop > 0 ? "+" : "")}{NumberText.Number(f.MeanDrop)})");
            console.MarkupLine($"Most important columns (drop when shuffled): {Markup.Escape(string.Join(", ", top))}");
        }
        if (record.Latency is { } latency)
            console.MarkupLine(Markup.Escape($"Latency per row: p50 {NumberText.Number(latency.P50Milliseconds)} ms, p99 {NumberText.Number(latency.P99Milliseconds)} ms"));
        console.MarkupLine(Markup.Escape("Time: " + string.Join(", ", record.StageSeconds.Select(pair => $"{pair.Key} {NumberText.Fixed(pair.Value, 1)}s"))));
        console.MarkupLine($"Registered [green]{Markup.Escape(outcome.Version)}[/] as @candidate (package {Markup.Escape(outcome.PackageId[..12])} in {Markup.Escape(outcome.PackageDirectory)})");
    }

    public static void Leaderboard(IAnsiConsole console, TrainingRecord record)
    {
        console.Write(SpectreTables.From(ModelReportTables.Leaderboard(record, LeaderboardRows), "Leaderboard"));
        var failed = record.Trials.Count(t => t.Error is not null);
        if (failed > 0)
            console.MarkupLine($"[yellow]{Markup.Escape(NumberText.Count(failed, "trial"))} failed[/], e.g. {Markup.Escape(record.Trials.First(t => t.Error is not null).Error!)}");
    }

    private static void Curve(IAnsiConsole console, TrainingRecord record)
    {
        if (record.Curve is not { } curve || record.Diagnosis is not { } diagnosis) return;
        var points = string.Join("  ", curve.Points.Select(p => $"{p.Iterations}: {NumberText.Number(p.Train)}/{NumberText.Number(p.Validation)}"));
        console.MarkupLine($"Learning curve ({Markup.Escape(curve.Metric)} train/validation by iterations): {Markup.Escape(points)}");
        console.MarkupLine($"{Markup.Escape(curve.EarlyStoppingSummary())} [bold]{Markup.Escape(diagnosis.Verdict)}[/]: {Markup.Escape(diagnosis.Finding)}");
        foreach (var advice in diagnosis.Advice) console.MarkupLine($"  - {Markup.Escape(advice)}");
    }

    public static void Metrics(IAnsiConsole console, EvaluationReport test, string title = "Test metrics")
    {
        console.Write(SpectreTables.From(ModelReportTables.Metrics(test, column: "value"), $"{title} ({NumberText.Count(test.Rows, "row")})"));
        if (test.ConfusionMatrix is { } matrix) console.Write(SpectreTables.From(ModelReportTables.Confusion(matrix)));
    }

    public static void Decision(IAnsiConsole console, EvaluationReport test, string on = "test")
    {
        if (test.Decision is not { } d) return;
        string Money(double? amount) => amount is { } value ? DecisionVerdict.Money(value, d.Currency) : "-";
        var chosen = d.ChosenOn is { } where ? $"chosen on {where}" : "chosen on validation";
        var line = d.Kind == "binary"
            ? $"Decision (threshold {chosen}; reported on {on}): threshold {NumberText.Decimals(d.Threshold ?? double.NaN, 4)}, value per item {Money(d.ValuePerItem)} (at 0.5: {Money(d.ValuePerItemAtHalf)})"
            : $"Decision (reported on {on}): value per item {Money(d.ValuePerItem)}";
        console.WriteLine(line);
        if (d.ValuePerDay is { } perDay) console.WriteLine($"  value per day {Money(perDay)}");
        if (d.ReviewBand is { } band)
        {
            var what = d.Kind == "binary"
                ? $"review band [{NumberText.Decimals(band.Lower, 4)}, {NumberText.Decimals(band.Upper, 4)})"
                : $"review when the top-class probability is below {NumberText.Decimals(band.Upper, 4)}";
            var people = d.ReviewerPeople is { } count ? NumberText.Decimals(count, 2) : "-";
            console.WriteLine($"  {what}: {NumberText.Percent(d.ReviewRate)} of items, {NumberText.Decimals(d.ReviewerHoursPerDay ?? double.NaN, 1)} reviewer hours/day, {people} {(people == "1" ? "person" : "people")}");
        }
        if (d.Alternatives is { Count: > 0 } alternatives)
            console.WriteLine("  without the model: " + string.Join(", ", alternatives.Select(a => $"{a.Name} {Money(a.TestValuePerItem)}")) + $" per item on {on}");
        if (DecisionVerdict.Sentence(d) is { } verdict) console.WriteLine("  " + verdict);
        if (d.Economics is { } economics) console.WriteLine("  " + economics);
        if (d.ConfusionMatrix is { } matrix) console.Write(SpectreTables.From(ModelReportTables.DecisionCounts(matrix)));
    }
}
