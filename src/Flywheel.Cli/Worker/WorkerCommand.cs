using System.CommandLine;
using Flywheel.Server;
using Flywheel.Server.Jobs;
using Microsoft.Extensions.Hosting;

namespace Flywheel.Cli.Worker;

/// <summary>
/// <c>flywheel worker [DIR…] [--store CONN] [--workers N]</c>: runs jobs (batch transform, async inference) for a
/// server on the same store, with no HTTP listener. Stops gracefully on SIGTERM or Ctrl-C: running jobs go back to the queue.
/// </summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("dir") { Description = "The use-case folders the server serves (default .)", Arity = ArgumentArity.ZeroOrMore };
        var store = Models.StoreOptions.Store();
        var workers = new Option<int>("--workers") { Description = "Jobs run at once", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / 2) };
        var invisibility = new Option<int>("--invisibility-timeout") { Description = "Seconds before a job of a worker that stopped heartbeating goes to another worker", DefaultValueFactory = _ => 300 };
        var retries = new Option<int>("--retries") { Description = "Retries after a failed attempt", DefaultValueFactory = _ => 3 };
        var poll = new Option<int>("--poll-interval") { Description = "Seconds between looks for new jobs", DefaultValueFactory = _ => 5 };
        var command = new Command("worker", "Run jobs for a server on the same store (PostgreSQL: on any machine), without serving HTTP")
        {
            folders, store, workers, invisibility, retries, poll,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var count = parse.GetValue(workers);
            if (count is < 1 or > 64) throw new InputException($"--workers must be between 1 and 64, not {count}", "--workers");
            if (parse.GetValue(invisibility) is < 1 or > 86400) throw new InputException("--invisibility-timeout must be between 1 and 86400 seconds", "--invisibility-timeout");
            if (parse.GetValue(poll) is < 1 or > 3600) throw new InputException("--poll-interval must be between 1 and 3600 seconds", "--poll-interval");
            if (parse.GetValue(retries) is < 0 or > 100) throw new InputException("--retries must be between 0 and 100", "--retries");
            var storeOptions = Models.CliStore.Options(parse.GetValue(store));
            var dirs = parse.GetValue(folders) is { Length: > 0 } given ? given : ["."];
            var options = new ServerOptions
            {
                UseCases = dirs,
                Store = storeOptions.Store,
                ArtifactRoot = storeOptions.ArtifactRoot,
                DataRoots = CliUseCase.Options(parse).DataRoots,
                WorkerCount = count,
            };
            var jobs = new JobsOptions
            {
                InvisibilityTimeout = TimeSpan.FromSeconds(parse.GetValue(invisibility)),
                QueuePollInterval = TimeSpan.FromSeconds(parse.GetValue(poll)),
                Retries = parse.GetValue(retries),
                RetryDelays = [TimeSpan.FromSeconds(Math.Min(10, parse.GetValue(invisibility)))],
            };
            using var host = FlywheelWorker.Build(options, jobs);
            await host.StartAsync(cancellation);
            Console.Out.WriteLine($"worker: running jobs for {string.Join(", ", dirs)} with {count} worker{(count == 1 ? "" : "s")} (pid {Environment.ProcessId})");
            await Console.Out.FlushAsync(cancellation);
            try
            {
                await host.WaitForShutdownAsync(cancellation);
            }
            catch (OperationCanceledException)
            {
                await host.StopAsync(CancellationToken.None);
            }
            Console.Out.WriteLine("worker: stopped");
            return ExitCodes.Ok;
        });
        return command;
    }
}
