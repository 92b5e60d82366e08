using Flywheel.Evaluation.Decisions;
using System.Globalization;
using Flywheel.Evaluation.Results;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Train;

/// <summary>The human-readable result of training: leaderboard, learning-curve diagnosis, test metrics and the decision.</summary>
internal static class TrainingTables
{
    public const int LeaderboardRows = 10;

    public static void Write(IAnsiConsole console, TrainOutcome outcome)
    {
        var record = outcome.Record;
        console.MarkupLine($"[bold]{Markup.Escape(record.UseCase)}[/]: {Markup.Escape(record.Task)} on '{Markup.Escape(record.Target)}' ({Markup.Escape(record.TaskReason)})");
        console.MarkupLine($"{record.Trials.Count} trials in {record.BudgetSeconds:0}s, scored by {Markup.Escape(record.Objective)} on {Markup.Escape(record.Validation)}, seed {record.Seed}");
        Leaderboard(console, record);
        Curve(console, record);
        Metrics(console, outcome.Test);
        Decision(console, outcome.Test);
        if (record.Importance is { } importance)
        {
            var top = importance.Features.Take(5).Select(f => $"{f.Feature} ({f.MeanDrop:+0.####;-0.####;0})");
            console.MarkupLine($"Most important columns (drop when shuffled): {Markup.Escape(string.Join(", ", top))}");
        }
        if (record.Latency is { } latency)
            console.MarkupLine($"Latency per row: p50 {latency.P50Milliseconds:0.###} ms, p99 {latency.P99Milliseconds:0.###} ms");
        console.MarkupLine(Markup.Escape("Time: " + string.Join(", ", record.StageSeconds.Select(pair => $"{pair.Key} {pair.Value:0.0}s"))));
        console.MarkupLine($"Registered [green]{Markup.Escape(outcome.Version)}[/] as @candidate (package {Markup.Escape(outcome.PackageId[..12])} in {Markup.Escape(outcome.PackageDirectory)})");
    }

    public static void Leaderboard(IAnsiConsole console, TrainingRecord record)
    {
        var table = new Table().Title("Leaderboard").AddColumns("#", "trial", "trainer", record.Objective, "seconds", "hyperparameters");
        var ranked = record.Leaderboard().Take(LeaderboardRows).ToList();
        for (var i = 0; i < ranked.Count; i++)
        {
            var row = ranked[i];
            var settings = string.Join(" ", row.Settings.Select(p => $"{p.Key}={p.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), row.Trial?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(row.Model),
                row.Objective.ToString("G6", CultureInfo.InvariantCulture), row.DurationSeconds?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-", Markup.Escape(settings));
        }
        console.Write(table);
        var failed = record.Trials.Count(t => t.Error is not null);
        if (failed > 0) console.MarkupLine($"[yellow]{failed} trial(s) failed[/], e.g. {Markup.Escape(record.Trials.First(t => t.Error is not null).Error!)}");
    }

    private static void Curve(IAnsiConsole console, TrainingRecord record)
    {
        if (record.Curve is not { } curve || record.Diagnosis is not { } diagnosis) return;
        var points = string.Join("  ", curve.Points.Select(p => $"{p.Iterations}: {p.Train:G4}/{p.Validation:G4}"));
        console.MarkupLine($"Learning curve ({Markup.Escape(curve.Metric)} train/validation by iterations): {Markup.Escape(points)}");
        console.MarkupLine($"{Markup.Escape(curve.EarlyStoppingSummary())} [bold]{Markup.Escape(diagnosis.Verdict)}[/]: {Markup.Escape(diagnosis.Finding)}");
        foreach (var advice in diagnosis.Advice) console.MarkupLine($"  - {Markup.Escape(advice)}");
    }

    public static void Metrics(IAnsiConsole console, EvaluationReport test, string title = "Test metrics")
    {
        var table = new Table().Title(Markup.Escape($"{title} ({test.Rows} rows)")).AddColumns("metric", "value");
        foreach (var metric in test.Metrics)
            table.AddRow(metric.Name, metric.Value is { } value ? value.ToString("G6", CultureInfo.InvariantCulture) : Markup.Escape(metric.Note ?? "undefined"));
        console.Write(table);
        if (test.ConfusionMatrix is { } matrix)
        {
            var confusion = new Table().Title("Confusion matrix (rows actual, columns predicted)").AddColumn("");
            foreach (var name in matrix.Classes) confusion.AddColumn(Markup.Escape(name));
            for (var row = 0; row < matrix.Classes.Count; row++)
                confusion.AddRow([Markup.Escape(matrix.Classes[row]), .. matrix.Counts[row].Select(c => c.ToString(CultureInfo.InvariantCulture))]);
            console.Write(confusion);
        }
    }

    public static void Decision(IAnsiConsole console, EvaluationReport test, string on = "test")
    {
        if (test.Decision is not { } d) return;
        string Money(double? amount) => amount is { } value ? DecisionVerdict.Money(value, d.Currency) : "-";
        var chosen = d.ChosenOn is { } where ? $"chosen on {where}" : "chosen on validation";
        var line = d.Kind == "binary"
            ? $"Decision (threshold {chosen}; reported on {on}): threshold {d.Threshold:0.####}, value per item {Money(d.ValuePerItem)} (at 0.5: {Money(d.ValuePerItemAtHalf)})"
            : $"Decision (reported on {on}): value per item {Money(d.ValuePerItem)}";
        console.WriteLine(line);
        if (d.ValuePerDay is { } perDay) console.WriteLine($"  value per day {Money(perDay)}");
        if (d.ReviewBand is { } band)
        {
            var what = d.Kind == "binary" ? $"review band [{band.Lower:0.####}, {band.Upper:0.####})" : $"review when the top-class probability is below {band.Upper:0.####}";
            console.WriteLine($"  {what}: {d.ReviewRate:P1} of items, {d.ReviewerHoursPerDay:0.#} reviewer hours/day, {d.ReviewerPeople:0.##} people");
        }
        if (d.Alternatives is { Count: > 0 } alternatives)
            console.WriteLine("  without the model: " + string.Join(", ", alternatives.Select(a => $"{a.Name} {Money(a.TestValuePerItem)}")) + $" per item on {on}");
        if (DecisionVerdict.Sentence(d) is { } verdict) console.WriteLine("  " + verdict);
        if (d.Economics is { } economics) console.WriteLine("  " + economics);
        if (d.ConfusionMatrix is { } matrix) DecisionCounts(console, matrix);
    }

    /// <summary>Counts at the chosen decision: rows actual, columns decided (review as its own column).</summary>
    private static void DecisionCounts(IAnsiConsole console, DecisionMatrix matrix)
    {
        var table = new Table().Title(Markup.Escape($"At the decision ({matrix.Policy}; rows actual, columns decided)")).AddColumn("");
        foreach (var decided in matrix.Decided) table.AddColumn(Markup.Escape(decided));
        for (var row = 0; row < matrix.Actual.Count; row++)
            table.AddRow([Markup.Escape(matrix.Actual[row]), .. matrix.Counts[row].Select(count => count.ToString("N0", CultureInfo.InvariantCulture))]);
        console.Write(table);
    }
}
