using System.CommandLine;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Review;

/// <summary>
/// <c>flywheel review</c>: the human review queue from a terminal, as the server's <c>/api/v1/review</c> routes serve it:
/// list the items, claim the next one under a lease, record a decision, and run the intake once.
/// </summary>
public static class ReviewCommand
{
    public static Command Create()
    {
        var command = new Command("review", "The human review queue: list items, claim the next one, decide it, fill the queue from the capture");
        command.Subcommands.Add(ReviewListCommand.Create());
        command.Subcommands.Add(ReviewNextCommand.Create());
        command.Subcommands.Add(ReviewDecideCommand.Create());
        command.Subcommands.Add(ReviewIntakeCommand.Create());
        return command;
    }

    internal static Argument<string> Target() =>
        new("ENDPOINT|DIR") { Description = "A use-case folder (its default endpoint) or an endpoint name in the store of --store / -d" };

    /// <summary>Who claims and decides; the audit trail names them.</summary>
    internal static Option<string?> Reviewer() => new("--reviewer")
    {
        Description = "Who reviews, for the lease and the audit trail (default: $FLYWHEEL_ACTOR, else the login name)",
    };

    internal static string ResolveReviewer(string? given) => CliOptions.ResolveActor(given);

    /// <summary>Runs a queue call whose bad input the library reports by request field (label, state…): here they are options.</summary>
    internal static async Task<T> NamingOptionsAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (InputException error) when (error.File is "label" or "comment" or "state" or "limit")
        {
            throw new InputException(error.Message, $"--{error.File}", inner: error);
        }
    }
}
