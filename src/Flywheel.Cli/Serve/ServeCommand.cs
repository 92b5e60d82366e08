using System.CommandLine;
using Flywheel.Cli.Models;
using Flywheel.Server;
using Flywheel.UseCases;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flywheel.Cli.Serve;

/// <summary>
/// <c>flywheel serve [DIR…]</c>: serves the use cases in the given folders (default <c>.</c>) over HTTP. The store is
/// <c>--store</c> / FLYWHEEL_STORE (else SQLite in the first folder's <c>.flywheel/</c>), artifacts <c>--artifacts</c> /
/// FLYWHEEL_ARTIFACTS, data roots <c>--data-root</c> / FLYWHEEL_DATA_ROOTS, the initial admin key FLYWHEEL_ADMIN_KEY.
/// Every folder is checked before anything listens (a bad one: exit 2). Ctrl-C or SIGTERM stops gracefully — no new
/// connections, in-flight requests finish within <see cref="ShutdownTimeout"/> — and exits 0.
/// </summary>
internal static class ServeCommand
{
    public const string AdminKeyVariable = "FLYWHEEL_ADMIN_KEY";

    /// <summary>How long a stop waits for in-flight requests and running jobs (SageMaker's 60 s answer deadline fits in it).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(75);

    public static Command Create()
    {
        var folders = new Argument<string[]>("DIR") { Description = "Use-case folders to serve (default: current folder)", Arity = ArgumentArity.ZeroOrMore };
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0: any free port)", DefaultValueFactory = _ => 8080 };
        var store = StoreOptions.Store();
        var artifacts = new Option<string?>("--artifacts") { Description = "Artifact root shared by a team (default: $FLYWHEEL_ARTIFACTS, else <first DIR>/.flywheel/artifacts)" };
        var noJobs = new Option<bool>("--no-jobs") { Description = "Do not run jobs in this process (leave them to 'flywheel worker' processes)" };
        var command = new Command("serve", "Serve the use cases' models over HTTP: SageMaker and MLflow invocations, the native API, jobs") { folders, port, store, artifacts, noJobs };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = parse.GetValue(folders) is { Length: > 0 } named ? named : ["."];
            if (parse.GetValue(port) is < 0 or > 65535) throw new InputException($"--port {parse.GetValue(port)} is not a port (0-65535)", "--port");
            var useCaseOptions = CliUseCase.Options(parse);
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var folder in given)
            {
                var useCase = UseCaseLoader.Load(folder, useCaseOptions);
                if (names.TryGetValue(useCase.Name, out var other))
                    throw new InputException($"use case '{useCase.Name}' is also served from {other}; each served use case needs its own name", folder);
                names[useCase.Name] = folder;
            }
            var storeOptions = CliStore.Options(parse.GetValue(store));
            var options = new ServerOptions
            {
                UseCases = given.Select(Path.GetFullPath).ToList(),
                Store = storeOptions.Store,
                ArtifactRoot = parse.GetValue(artifacts) ?? storeOptions.ArtifactRoot,
                DataRoots = useCaseOptions.DataRoots,
                Port = parse.GetValue(port),
                AdminKey = Environment.GetEnvironmentVariable(AdminKeyVariable),
                RunJobs = !parse.GetValue(noJobs),
                WarmWorkspace = true,
            };
            var level = CliLogging.LevelOf(parse);
            await using var app = FlywheelServer.Build(options, builder =>
            {
                CliLogging.Configure(builder.Logging, level);
                builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
            });
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException error)
            {
                throw new InputException($"cannot listen on port {options.Port}: {error.Message}", "--port", inner: error);
            }
            Console.Out.WriteLine($"flywheel: serving {string.Join(", ", names.Keys)} on {string.Join(", ", app.Urls)}; store {app.Services.GetRequiredService<ServerStore>().Store.Connection.Describe()}; stop with Ctrl-C");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: a requested stop, not a failure.
            }
            Console.Error.WriteLine("flywheel: stopping (in-flight requests finish)");
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }
}
