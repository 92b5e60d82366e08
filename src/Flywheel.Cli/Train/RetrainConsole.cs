using System.Globalization;
using System.Text.Json;
using Flywheel.Operate.Retraining;
using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Train;

/// <summary><c>flywheel train --with-production-data</c>: the retrain behind the training progress display, then the comparison as a Spectre table.</summary>
internal static class RetrainConsole
{
    private static readonly JsonSerializerOptions JsonOptions = new(Comparisons.Json) { WriteIndented = true };

    public static RetrainOutcome Run(UseCase useCase, TrainRequest request, string? endpoint, bool quiet, CancellationToken cancellation)
    {
        IHumanLabels? labels = null; // the CLI retrain reads ground truth only; the server job adds review and feedback labels
        var retrain = new RetrainRequest(endpoint) { HumanLabels = labels, Actor = Environment.UserName is { Length: > 0 } user ? $"cli:{user}" : "cli" };
        return TrainingConsole.Run(progress => Retrain.RunAsync(useCase, request, retrain, progress, cancellation).GetAwaiter().GetResult(), quiet);
    }

    public static string Json(RetrainOutcome outcome) => JsonSerializer.Serialize(new
    {
        version = outcome.Training.Version,
        dataset = outcome.Dataset,
        holdoutRows = outcome.HoldoutRows,
        addedRows = outcome.AddedRows,
        comparison = outcome.Comparison,
    }, JsonOptions);

    public static void Write(IAnsiConsole console, RetrainOutcome outcome)
    {
        TrainingTables.Write(console, outcome.Training);
        Comparison(console, outcome.Comparison);
        console.MarkupLine(Markup.Escape($"production dataset {outcome.Dataset.Endpoint} v{outcome.Dataset.Version}: {outcome.AddedRows} rows added to training, {outcome.HoldoutRows} held out"));
    }

    public static void Comparison(IAnsiConsole console, ModelComparison comparison)
    {
        var champion = comparison.Champion?.Reference ?? "(none)";
        var table = new Table().Title(Markup.Escape($"{comparison.Challenger.Reference} vs {champion} on {comparison.Holdout.Rows} fresh production rows"))
            .AddColumns("metric", Markup.Escape(champion), Markup.Escape(comparison.Challenger.Reference), "change");
        foreach (var metric in comparison.Metrics)
            table.AddRow(Markup.Escape(metric.Name), Number(metric.Champion), Number(metric.Challenger), Number(metric.Difference, signed: true));
        if (comparison.Value is { } value)
        {
            var perDay = value.PerDayAdded is { } added
                ? $"{added.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture)} {value.Currency}/day" : $"{value.PerItemAdded:+0.##;-0.##;0} {value.Currency}/item";
            var interval = value.PerDayInterval95 ?? value.PerItemInterval95;
            table.AddRow("[bold]value per day[/]", Money(value.ChampionPerDay, value.Currency), Money(value.ChallengerPerDay, value.Currency),
                Markup.Escape($"{perDay} (95% {interval[0].ToString("#,0", CultureInfo.InvariantCulture)} to {interval[1].ToString("#,0", CultureInfo.InvariantCulture)})"));
        }
        console.Write(table);
        console.MarkupLine(Markup.Escape($"comparison {comparison.Id}: {comparison.Verdict}"));
    }

    private static string Number(double? value, bool signed = false) =>
        value is not { } v ? "-" : v.ToString(signed ? "+0.####;-0.####;0" : "0.####", CultureInfo.InvariantCulture);

    private static string Money(double? value, string currency) =>
        value is { } v ? Markup.Escape($"{v.ToString("#,0", CultureInfo.InvariantCulture)} {currency}") : "-";
}
