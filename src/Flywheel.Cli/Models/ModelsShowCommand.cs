using System.CommandLine;
using System.Globalization;
using Flywheel.Registry;
using Spectre.Console;

namespace Flywheel.Cli.Models;

/// <summary><c>flywheel models show REF</c>: one model version or package, verified, with its manifest and card.</summary>
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
        AnsiConsole.Write(new Rule(Markup.Escape(title)).LeftJustified());
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
        AnsiConsole.Write(facts);

        var schema = new Table().Title("input schema").AddColumns("column", "type", "role");
        foreach (var column in manifest.InputSchema) schema.AddRow(Markup.Escape(column.Name), Markup.Escape(column.Type), Markup.Escape(column.Role));
        AnsiConsole.Write(schema);

        if (package.Card.Metrics.Count > 0)
        {
            var metrics = new Table().Title("metrics").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
            foreach (var metric in package.Card.Metrics) metrics.AddRow(Markup.Escape(metric.Name), metric.Value.ToString("0.####", CultureInfo.InvariantCulture));
            AnsiConsole.Write(metrics);
        }
        var decision = package.Card.Decision;
        if (decision.Threshold is { } threshold) AnsiConsole.MarkupLineInterpolated($"threshold {threshold.ToString(CultureInfo.InvariantCulture)}");
        if (decision.ReviewLow is { } low && decision.ReviewHigh is { } high)
            AnsiConsole.MarkupLineInterpolated($"review band [[{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)})");
        foreach (var caveat in package.Card.Caveats) AnsiConsole.MarkupLineInterpolated($"[yellow]caveat:[/] {caveat}");
        AnsiConsole.MarkupLineInterpolated($"model card: {package.CardMarkdownPath}");
    }
}
