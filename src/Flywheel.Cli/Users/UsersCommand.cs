using System.CommandLine;
using Flywheel.Cli.Models;
using Flywheel.Operate.Access;
using Flywheel.Storage;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Users;

/// <summary>
/// <c>flywheel users add NAME --role R [DIR]</c>: a local account for the workspace's sign-in, straight in the store (so
/// the first account can be made on the server's machine). The password is read from stdin (one line), never from an
/// argument, so it is not in the shell's history or the process list. Audited as <c>cli:&lt;user&gt;</c>.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Local accounts for the workspace's sign-in (in the store)");
        command.Subcommands.Add(Add());
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "The user name (letters, digits, '.', '-', '_')" };
        var directory = new Argument<string>("DIR") { Description = "Use-case folder whose store holds the accounts (default: current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var store = CliOptions.Store();
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}", Required = true };
        var actor = CliOptions.Actor();
        var command = new Command("add", "Add a local account; the password is read from stdin") { name, directory, store, role, actor };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var password = Console.In.ReadLine();
            var opened = MetadataStore.ForUseCase(parse.GetValue(directory)!, CliStore.Options(parse.GetValue(store)));
            var user = await new UserAccounts(opened).CreateAsync(parse.GetValue(name), parse.GetValue(role), password, "cli:" + CliOptions.ResolveActor(parse.GetValue(actor)), cancellationToken);
            Console.Out.WriteLine($"added user {user.Name} ({user.Role})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
