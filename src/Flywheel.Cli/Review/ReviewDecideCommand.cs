using System.CommandLine;
using Flywheel.Cli.Models;
using Flywheel.Operate.Review;
using Flywheel.Reports;
using Flywheel.Storage;
using Spectre.Console;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Review;

/// <summary>
/// <c>flywheel review decide ID --label L [--comment C] [--reviewer NAME]</c>: records the claim holder's answer, as
/// <c>POST /api/v1/review/items/{id}/decision</c>. Exit 3 for an unknown item, 4 when the reviewer does not hold it
/// (never claimed, lease expired, already decided), 2 for a label that is not one of the model's classes.
/// </summary>
internal static class ReviewDecideCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("ID") { Description = "The review item's number (from review next or review list)" };
        var label = new Option<string>("--label") { Description = "The label the reviewer gives: one of the model's classes (a number for regression)", Required = true };
        var comment = new Option<string?>("--comment") { Description = $"Why, for the record (at most {ReviewQueue.MaxComment} characters)" };
        var reviewer = ReviewCommand.Reviewer();
        var store = CliOptions.Store();
        var directory = new Option<string>("--dir", "-d") { Description = "Use-case folder whose store holds the queue (default: current folder)", DefaultValueFactory = _ => "." };
        var json = CliOptions.Json();
        var command = new Command("decide", "Record your decision on a review item you claimed") { id, label, comment, reviewer, store, directory, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var metadata = MetadataStore.ForUseCase(parse.GetValue(directory)!, CliStore.Options(parse.GetValue(store)));
            var queue = new ReviewQueue(metadata);
            var item = await ReviewCommand.NamingOptionsAsync(() => queue.DecideAsync(parse.GetValue(id), ReviewCommand.ResolveReviewer(parse.GetValue(reviewer)),
                parse.GetValue(label)!, parse.GetValue(comment), cancellation));
            if (parse.GetValue(json))
            {
                CliJson.Write(item);
                return ExitCodes.Ok;
            }
            if (item.State == ReviewStates.Decided)
                AnsiConsole.MarkupLineInterpolated($"review item {item.Id}: decided '{item.Label}' (agreement {NumberText.Percent(item.Agreement)} of {item.AnswerCount} answers)");
            else
                AnsiConsole.MarkupLineInterpolated($"review item {item.Id}: answer recorded, {item.AnswerCount} of {item.ReviewersNeeded} reviewers; back in the queue for the next one");
            return ExitCodes.Ok;
        });
        return command;
    }
}
