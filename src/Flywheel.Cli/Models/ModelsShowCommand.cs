using System.CommandLine;
using System.Globalization;
using Flywheel.Registry;
using Spectre.Console;

namespace Flywheel.Cli.Models;

/// <summary>
/// <c>flywheel models show REF</c>: one model version or package, verified: its rows, headline test metrics and decision
/// value first (<see cref="ModelSummary"/>), then the schema, decision policy and card. <c>--json</c> holds the same
/// <c>summary</c> beside the full manifest.
/// </summary>
internal static class ModelsShowCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "name@alias, name:version, a model name, a package folder or a use-case folder" };
        var directory = StoreOptions.Directory();
        var store = StoreOptions.Store();
        var json = StoreOptions.Json();
        var command = new Command("show", "Show a model version: package, schema, metrics, decision policy, card") { reference, directory, store, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (catalog, parsed) = ModelCatalog.ForReference(parse.GetValue(reference)!, parse.GetValue(directory)!, CliStore.Options(parse.GetValue(store)));
            var resolved = await catalog.ResolveAsync(parsed, cancellationToken);
            if (parse.GetValue(json)) CliJson.Write(ToJson(resolved));
            else Render(resolved);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static object ToJson(ResolvedModel resolved) => new
    {
        summary = ModelSummary.Of(resolved.Package),
        packageId = resolved.Package.Id,
        packagePath = resolved.Package.Path,
        createdAt = resolved.Package.CreatedAt,
        version = resolved.Version,
        aliases = resolved.Aliases.Select(a => a.Alias),
        manifest = resolved.Package.Manifest,
        card = resolved.Package.Card,
    };

    private static void Render(ResolvedModel resolved)
    {
        var package = resolved.Package;
        var manifest = package.Manifest;
        var title = resolved.Version is { } version ? version.Reference : manifest.ModelName + " (unregistered package)";
        // A title line rather than a Rule: a rule fills the console's width, which piped output does not have.
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        var facts = new Grid().AddColumn().AddColumn();
        void Fact(string name, string? value) => facts.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value ?? "—"));
        Fact("package", package.Id);
        Fact("path", package.Path);
        Fact("created", package.CreatedAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        if (resolved.Version is { } v) Fact("registered", $"{v.RegisteredAt:yyyy-MM-dd HH:mm 'UTC'} by {v.RegisteredBy}");
        Fact("aliases", resolved.Aliases.Count == 0 ? null : string.Join(", ", resolved.Aliases.Select(a => "@" + a.Alias)));
        Fact("task", $"{manifest.Task} ({manifest.Trainer}), seed {manifest.Seed}");
        Fact("data", manifest.TrainingDataFingerprint);
        Fact("libraries", $"ML.NET {manifest.Libraries.MlNet}, Flywheel {manifest.Libraries.Flywheel}, .NET {manifest.Libraries.DotNet}");
        Fact("intended use", package.Card.IntendedUse);
        var summary = ModelSummary.Of(package);
        if (summary is not null)
            Fact("rows", $"{Count(summary.Rows.Total)}: {Count(summary.Rows.Train)} train + {Count(summary.Rows.Validation)} validation + {Count(summary.Rows.Test)} test");
        AnsiConsole.Write(facts);
        if (summary is not null) Summary(summary);

        var schema = new Table().Title("input schema").AddColumns("column", "type", "role");
        foreach (var column in manifest.InputSchema) schema.AddRow(Markup.Escape(column.Name), Markup.Escape(column.Type), Markup.Escape(column.Role));
        AnsiConsole.Write(schema);

        // A package from elsewhere has no training record: its card's figures are all there is to show.
        if (summary is null && package.Card.Metrics.Count > 0)
        {
            var metrics = new Table().Title("metrics").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
            foreach (var metric in package.Card.Metrics) metrics.AddRow(Markup.Escape(metric.Name), metric.Value.ToString("0.####", CultureInfo.InvariantCulture));
            AnsiConsole.Write(metrics);
        }
        var decision = package.Card.Decision;
        if (summary is null && decision.Threshold is { } threshold) AnsiConsole.MarkupLineInterpolated($"threshold {threshold.ToString(CultureInfo.InvariantCulture)}");
        if (summary is null && decision.ReviewLow is { } low && decision.ReviewHigh is { } high)
            AnsiConsole.MarkupLineInterpolated($"review band [[{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)})");
        foreach (var caveat in package.Card.Caveats) AnsiConsole.MarkupLineInterpolated($"[yellow]caveat:[/] {caveat}");
        AnsiConsole.MarkupLineInterpolated($"model card: {package.CardMarkdownPath}");
    }

    private static void Summary(ModelSummary summary)
    {
        // A heading line, not a table title: Spectre wraps a title to the width of its (narrow) table.
        AnsiConsole.MarkupLineInterpolated($"test metrics ({Count(summary.Rows.Test)} rows)");
        var metrics = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in summary.TestMetrics) metrics.AddRow(Markup.Escape(name), value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "—");
        AnsiConsole.Write(metrics);
        if (summary.Decision is not { } d) return;
        var policy = d.Policy != Evaluation.Decisions.DecisionComparison.ModelPolicy ? $"'{d.Policy}' (it beat the model where the policy was chosen)"
            : d.ReviewBand is { } band ? $"the model, review band [{Number(band.Lower)}, {Number(band.Upper)})"
            : d.Threshold is { } threshold ? $"the model at threshold {Number(threshold)}" : "the model";
        AnsiConsole.MarkupLineInterpolated($"decision: {policy}; value per item {Money(d.ValuePerItem, d.Currency)}{(d.ValuePerDay is { } perDay ? $", per day {Money(perDay, d.Currency)}" : "")} on test");
        if (d.ChosenOn is not null) AnsiConsole.MarkupLineInterpolated($"  chosen on {d.ChosenOn}");
        if (d.Alternatives.Count > 0)
            AnsiConsole.MarkupLineInterpolated($"  without the model (per item on test): {string.Join(", ", d.Alternatives.Select(a => $"{a.Name} {Money(a.TestValuePerItem, d.Currency)}"))}");
        if (d.ValueAddedPerItem is { } added)
            AnsiConsole.MarkupLineInterpolated($"  {(d.BeatsAlternatives == true ? "beats" : "does not beat")} the best alternative, {d.BestAlternative}: {(added >= 0 ? "+" : "")}{Money(added, d.Currency)} per item{(d.ValueAddedPerDay is { } day ? $" ({(day >= 0 ? "+" : "")}{Money(day, d.Currency)}/day)" : "")}");
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Money(double value, string currency) => $"{value.ToString("#,0.##", CultureInfo.InvariantCulture)} {currency}".TrimEnd();
}
