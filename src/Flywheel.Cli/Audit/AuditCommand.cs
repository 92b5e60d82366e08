using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Flywheel.Cli.Models;
using Flywheel.Storage;
using Spectre.Console;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Audit;

/// <summary>
/// <c>flywheel audit [DIR] [--subject S] [--actor A] [--action X] [--since T] [--limit N] [--json]</c>: the store's
/// append-only audit log, newest first, as <c>GET /api/v1/audit</c> shows it (same filters, same page).
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Use-case folder whose store holds the log (default: current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var store = CliOptions.Store();
        var subject = new Option<string?>("--subject") { Description = "Only entries about this subject (model:churn, key:<id>, run:<id>, endpoint:<name>)" };
        var actor = new Option<string?>("--actor") { Description = "Only entries by this actor (key:<name>, cli:<user>, server)" };
        var action = new Option<string?>("--action") { Description = "Only this action (alias.move, key.create, …)" };
        var since = new Option<string?>("--since") { Description = "Only entries at or after this time (ISO 8601, e.g. 2026-12-01T09:00:00Z)" };
        var limit = new Option<int>("--limit", "-n") { Description = $"At most this many entries (1-{AuditQuery.MaxLimit})", DefaultValueFactory = _ => AuditQuery.DefaultLimit };
        var json = CliOptions.Json();
        var command = new Command("audit", "Show the audit log, newest first: who changed what, when, before → after") { directory, store, subject, actor, action, since, limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sinceText = parse.GetValue(since);
            DateTimeOffset? from = null;
            if (!string.IsNullOrWhiteSpace(sinceText))
                from = DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw new InputException($"'{sinceText}' is not a date and time; write ISO 8601, e.g. 2026-12-01T09:00:00Z", "--since");
            var metadata = MetadataStore.ForUseCase(parse.GetValue(directory)!, CliStore.Options(parse.GetValue(store)));
            var page = await metadata.QueryAuditAsync(
                new AuditQuery(parse.GetValue(subject), parse.GetValue(actor), parse.GetValue(action), from, parse.GetValue(limit)), cancellationToken);
            if (parse.GetValue(json))
            {
                CliJson.Write(new
                {
                    order = "newest-first",
                    entries = page.Entries.Select(e => new { e.Id, e.At, e.Actor, e.Action, e.Subject, details = JsonSerializer.Deserialize<JsonElement>(e.DetailsJson) }),
                    next = page.Next,
                });
                return ExitCodes.Ok;
            }
            if (page.Entries.Count == 0)
            {
                AnsiConsole.MarkupLineInterpolated($"No audit entries match in {metadata.Connection.Describe()}.");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("at", "actor", "action", "subject", "details");
            foreach (var entry in page.Entries)
                table.AddRow(Markup.Escape(entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)), Markup.Escape(entry.Actor),
                    Markup.Escape(entry.Action), Markup.Escape(entry.Subject), Markup.Escape(entry.DetailsJson));
            AnsiConsole.Write(table);
            if (page.Next is not null) Console.Error.WriteLine($"more entries are older; raise --limit (at most {AuditQuery.MaxLimit}) or narrow the filters");
            return ExitCodes.Ok;
        });
        return command;
    }
}
