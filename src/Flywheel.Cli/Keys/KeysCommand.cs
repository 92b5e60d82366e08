using System.CommandLine;
using System.Globalization;
using Flywheel.Cli.Models;
using Flywheel.Operate.Access;
using Flywheel.Storage;
using Spectre.Console;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Keys;

/// <summary>
/// <c>flywheel keys list|create|revoke [DIR]</c>: the server's API keys, straight in the store (for the operator on
/// the server's machine, e.g. when every admin key is lost). Changes are audited as <c>cli:&lt;user&gt;</c>; a created
/// key's secret is printed once, on stdout.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "List, create and revoke the server's API keys (in the store)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Argument<string> Directory() =>
        new("DIR") { Description = "Use-case folder whose store holds the keys (default: current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };

    private static string Actor(ParseResult parse, Option<string?> actor) => "cli:" + CliOptions.ResolveActor(parse.GetValue(actor));

    private static Command List()
    {
        var directory = Directory();
        var store = CliOptions.Store();
        var json = CliOptions.Json();
        var command = new Command("list", "List the API keys (never their secrets)") { directory, store, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keys = await Open(parse, directory, store).Keys.ListAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            if (parse.GetValue(json))
            {
                CliJson.Write(new { keys = keys.Select(k => new { k.Id, k.Name, k.Role, k.CreatedBy, k.CreatedAt, k.ExpiresAt, k.RevokedAt, active = k.IsActive(now) }) });
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("id", "name", "role", "created", "by", "expires", "state");
            foreach (var key in keys)
                table.AddRow(Markup.Escape(key.Id), Markup.Escape(key.Name), key.Role, Time(key.CreatedAt), Markup.Escape(key.CreatedBy),
                    key.ExpiresAt is { } expiry ? Time(expiry) : "never", key.RevokedAt is not null ? "revoked" : key.IsActive(now) ? "active" : "expired");
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateKey()
    {
        var directory = Directory();
        var store = CliOptions.Store();
        var name = new Option<string>("--name") { Description = "Who or what uses the key (an application, a person)", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}", Required = true };
        var expires = new Option<string?>("--expires") { Description = "Expiry (ISO 8601, e.g. 2027-03-31T00:00:00Z); default: never" };
        var actor = CliOptions.Actor();
        var command = new Command("create", "Create an API key; its secret is printed once") { directory, store, name, role, expires, actor };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DateTimeOffset? expiry = null;
            if (parse.GetValue(expires) is { Length: > 0 } text)
                expiry = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed : throw new InputException($"'{text}' is not a date and time; write ISO 8601", "--expires");
            var keys = Open(parse, directory, store).Keys;
            var issued = await new KeyAdministration(keys, TimeProvider.System).CreateAsync(parse.GetValue(name), parse.GetValue(role), expiry, Actor(parse, actor), cancellationToken);
            Console.Error.WriteLine($"created API key {issued.Key.Id} ({issued.Key.Role}); the secret below is shown only now:");
            Console.Out.WriteLine(issued.Secret);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var directory = Directory();
        var store = CliOptions.Store();
        var id = new Option<string>("--id") { Description = "The key's id (from 'flywheel keys list')", Required = true };
        var actor = CliOptions.Actor();
        var command = new Command("revoke", "Revoke an API key (the last active admin key cannot be revoked)") { directory, store, id, actor };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keys = Open(parse, directory, store).Keys;
            var revoked = await new KeyAdministration(keys, TimeProvider.System).RevokeAsync(parse.GetValue(id)!, Actor(parse, actor), cancellationToken);
            Console.Out.WriteLine($"revoked API key {revoked.Id} ({revoked.Name}, {revoked.Role})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static MetadataStore Open(ParseResult parse, Argument<string> directory, Option<string?> store) =>
        MetadataStore.ForUseCase(parse.GetValue(directory)!, CliStore.Options(parse.GetValue(store)));

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
