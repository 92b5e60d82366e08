using System.CommandLine;
using Flywheel.Cli.Models;
using Flywheel.Cli.Monitor;
using Flywheel.Operate.Review;
using Spectre.Console;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Review;

/// <summary>
/// <c>flywheel review intake ENDPOINT|DIR [--json]</c>: queues the endpoint's captured rows since the last intake once,
/// as the server's minutely job does (review-band decisions and the <c>review.sample</c> share of automatic ones), with
/// the <c>review</c> settings of the use case the target names.
/// </summary>
internal static class ReviewIntakeCommand
{
    public static Command Create()
    {
        var target = ReviewCommand.Target();
        var store = CliOptions.Store();
        var directory = CliOptions.Directory();
        var json = CliOptions.Json();
        var command = new Command("intake", "Queue the endpoint's new captured rows for review now") { target, store, directory, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var resolved = await MonitorTarget.ResolveAsync(parse.GetValue(target)!, parse.GetValue(directory)!, parse.GetValue(store), "ENDPOINT|DIR", cancellation);
            var runner = new ReviewIntakeRunner(resolved.Store, resolved.Capture, new RegistryReviewModels(resolved.Registry));
            var result = await runner.RunAsync(resolved.Endpoint, resolved.UseCase.ReviewOrDefault, cancellation);
            if (parse.GetValue(json))
            {
                CliJson.Write(result);
                return ExitCodes.Ok;
            }
            AnsiConsole.MarkupLineInterpolated($"{result.Endpoint}: {result.Records} captured requests, {result.Rows} rows read; queued {result.ReviewBand} in the review band and {result.Sampled} sampled automatic decisions");
            if (result.Unreadable > 0) AnsiConsole.MarkupLineInterpolated($"{result.Unreadable} captured requests could not be read with their model's schema");
            return ExitCodes.Ok;
        });
        return command;
    }
}
