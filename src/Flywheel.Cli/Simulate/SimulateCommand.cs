using System.CommandLine;
using System.Globalization;
using Flywheel.Cli.Models;
using Flywheel.Cli.Monitor;
using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Operate.Inference;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Operate.Simulation;
using Flywheel.Storage;
using Flywheel.UseCases;
using Spectre.Console;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Simulate;

/// <summary>
/// <c>flywheel simulate ENDPOINT|DIR [--days 30] [--per-day 400] [--drift FEATURE=SPEC …] [--drift-from DAY] [--label-delay 3d]
/// [--label-share 0.6] [--seed N] [--until TIME] [--url URL --key KEY] [--json]</c>: traffic drawn from the use case's own
/// data, with drifts and delayed ground truth. Without <c>--url</c> it is scored in this process over the past days
/// and written to the endpoint's capture as the server writes it (the endpoint record made as <c>flywheel serve</c>
/// makes it), so <c>flywheel monitor</c> and <c>flywheel growth</c> see the days at once; with <c>--url</c> the same
/// traffic goes to a running server in real time.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Where --key comes from when not given, so a key need not appear in the process list.</summary>
    public const string KeyVariable = "FLYWHEEL_API_KEY";

    private static readonly SimulationFields Fields = new("--days", "--per-day", "--drift", "--drift-from", "--label-delay", "--label-share", "--url", "--key");

    public static Command Create()
    {
        var target = new Argument<string>("ENDPOINT|DIR") { Description = "A use-case folder (its default endpoint) or an endpoint name in the store of --store / -d" };
        var days = new Option<int>("--days") { Description = "Days of traffic, ending now (or at --until)", DefaultValueFactory = _ => 30 };
        var perDay = new Option<int>("--per-day") { Description = "Requests a day, one row each", DefaultValueFactory = _ => 400 };
        var drift = new Option<string[]>("--drift")
        {
            Description = "Drift a feature, growing from --drift-from to the last day: FEATURE=*1.5, FEATURE=+12 (numbers), FEATURE=LEVEL:0.8 (a category's share); repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var driftFrom = new Option<int?>("--drift-from") { Description = "First drifted day, 1 the oldest (default: the second half)" };
        var labelDelay = new Option<string>("--label-delay") { Description = "How long after a request its ground truth arrives: 3d, 12h, 30m, 0", DefaultValueFactory = _ => "3d" };
        var labelShare = new Option<double>("--label-share") { Description = "Share of the requests that ever get ground truth", DefaultValueFactory = _ => 0.6 };
        var seed = new Option<int>("--seed") { Description = "Seed of the draws: the same seed and --until give the same traffic", DefaultValueFactory = _ => 1 };
        var until = new Option<string?>("--until") { Description = "End of the simulated days, 'now' for the labels: a duration back from now or ISO 8601 (default: now)" };
        var url = new Option<string?>("--url") { Description = "Send the traffic to this running server (http://host:8080) instead of writing the capture here" };
        var key = new Option<string?>("--key") { Description = "API key for --url (default: $FLYWHEEL_API_KEY)" };
        var store = CliOptions.Store();
        var directory = CliOptions.Directory();
        var actor = CliOptions.Actor();
        var json = CliOptions.Json();
        var command = new Command("simulate", "Send realistic traffic to an endpoint: rows of its own data, drifts that grow over the days, ground truth that arrives late")
        {
            target, days, perDay, drift, driftFrom, labelDelay, labelShare, seed, until, url, key, store, directory, actor, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var delayText = parse.GetValue(labelDelay)!;
            var settings = new SimulationSettings
            {
                Days = parse.GetValue(days),
                PerDay = parse.GetValue(perDay),
                DriftFrom = parse.GetValue(driftFrom),
                LabelDelay = SimulationSettings.ParseDelay(delayText)
                    ?? throw new InputException($"'{delayText}' is not a delay: write 3d, 12h, 30m, 90s or 0", Fields.LabelDelay),
                LabelShare = parse.GetValue(labelShare),
                Seed = parse.GetValue(seed),
                Until = parse.GetValue(until) is { } text ? MonitoringTimes.Parse(text, "--until", DateTimeOffset.UtcNow) : DateTimeOffset.UtcNow,
            }.Check(Fields);
            if (settings.Until > DateTimeOffset.UtcNow.AddMinutes(1))
                throw new InputException($"--until {settings.Until:u} is in the future; the simulated days end now at the latest", "--until");
            var server = parse.GetValue(url) is { } address ? ServerUri(address) : null;
            if (server is null && parse.GetValue(key) is not null) throw new InputException("--key is the API key of the server --url names; give --url too", Fields.Key);
            var folder = parse.GetValue(target)!;
            var isFolder = IsUseCaseFolder(folder);
            var (useCase, endpoint) = server is null ? await Local(folder, parse.GetValue(directory)!, parse.GetValue(store), cancellation)
                : isFolder ? Named(UseCaseLoader.Load(folder)) : (UseCaseLoader.Load(parse.GetValue(directory)!), folder);
            useCase = useCase with { DataRoots = CliUseCase.Options(parse).DataRoots };

            var targetColumn = useCase.Data?.Target ?? throw new InputException("the use case has no data.target: simulated requests need an outcome to send as ground truth", useCase.FilePath);
            var table = ColumnTableReader.Read(SourceSpec.FromUseCase(useCase), cancellation: cancellation);
            var features = table.Columns.Where(c => !string.Equals(c.Name, targetColumn, StringComparison.Ordinal)).ToList();
            settings = (settings with { Drifts = (parse.GetValue(drift) ?? []).Select(spec => DriftSpec.Parse(spec, features, Fields.Drift)).ToList() }).Check(Fields);
            var traffic = new Traffic(table, targetColumn, settings);

            var summary = server is not null
                ? await SendAsync(server, endpoint, parse.GetValue(key) ?? Environment.GetEnvironmentVariable(KeyVariable), traffic, settings, cancellation)
                : await ScoreHereAsync(isFolder ? folder : parse.GetValue(directory)!, isFolder, useCase, endpoint, parse.GetValue(store),
                    CliOptions.ResolveActor(parse.GetValue(actor)), traffic, settings, cancellation);
            if (parse.GetValue(json))
            {
                CliJson.Write(summary);
                return ExitCodes.Ok;
            }
            Print(summary, settings, isFolder ? folder : endpoint);
            return ExitCodes.Ok;
        });
        return command;
    }

    // Over HTTP a folder names its use case's default endpoint, as the server names it.
    private static (UseCase UseCase, string Endpoint) Named(UseCase useCase) => (useCase, useCase.Name);

    private static async Task<(UseCase UseCase, string Endpoint)> Local(string target, string directory, string? store, CancellationToken cancellation)
    {
        var resolved = await MonitorTarget.ResolveAsync(target, directory, store, "ENDPOINT|DIR", cancellation);
        return (resolved.UseCase, resolved.Endpoint);
    }

    private static async Task<SimulationSummary> ScoreHereAsync(string serverFolder, bool isFolder, UseCase useCase, string endpoint, string? storeSpec, string actor,
        Traffic traffic, SimulationSettings settings, CancellationToken cancellation)
    {
        var options = CliStore.Options(storeSpec);
        var store = MetadataStore.ForUseCase(serverFolder, options);
        var runtime = new EndpointRuntime(store, new UseCaseStores(serverFolder, store, options));
        if (isFolder)
        {
            // The endpoint `flywheel serve` would make, so monitor and growth find the capture under the use case's name.
            if (!(await store.Models.ListModelNamesAsync(cancellation)).Contains(useCase.Name, StringComparer.Ordinal))
                throw new NotFoundException($"no model '{useCase.Name}' is registered in {store.Connection.Describe()}; train it first: flywheel train {serverFolder}", "model");
            await runtime.EnsureDefaultsAsync([(useCase.Name, Path.GetFullPath(serverFolder))], actor, cancellation);
        }
        await runtime.RefreshAsync(cancellation);
        var state = runtime.Get(endpoint);
        if (state.Variants.FirstOrDefault(v => !v.Variant.Shadow && v.Variant.Weight > 0 && !v.Loaded) is { } missing)
            throw new NotFoundException($"endpoint '{endpoint}' variant '{missing.Variant.Name}' cannot serve {missing.Variant.Model}: {missing.Error}", "model");
        var simulation = new InProcessSimulation(state, store.Artifacts.Root);
        var summary = await MonitorCommand.WithProgressAsync($"simulating {settings.Days} days of {endpoint}",
            progress => Task.Run(() => simulation.Run(traffic, settings, progress, cancellation), cancellation));
        await store.AuditAsync(actor, "simulate.run", $"endpoint:{endpoint}", new
        {
            before = (object?)null,
            after = new
            {
                summary.From, summary.Until, settings.Days, settings.PerDay, settings.Seed, summary.Requests, summary.Captured, summary.LabelsSent,
                drifts = summary.Drifts.Select(d => $"{d.Feature}={d.Spec}"), models = summary.Models,
            },
        }, cancellation);
        return summary;
    }

    private static async Task<SimulationSummary> SendAsync(Uri server, string endpoint, string? key, Traffic traffic, SimulationSettings settings, CancellationToken cancellation)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        var simulation = new HttpSimulation(http, server, endpoint, key, Fields);
        return await MonitorCommand.WithProgressAsync($"sending {settings.Days} days of traffic to {endpoint}",
            progress => simulation.RunAsync(traffic, settings, progress, cancellation));
    }

    private static Uri ServerUri(string address)
    {
        if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InputException($"'{address}' is not a server address such as http://localhost:8080", Fields.Url);
        return uri;
    }

    private static bool IsUseCaseFolder(string path) => Directory.Exists(path) && File.Exists(Path.Combine(path, "flywheel.yaml"));

    private static void Print(SimulationSummary summary, SimulationSettings settings, string target)
    {
        var table = new Table().AddColumns("day", "from (UTC)", "requests", "labelled", "labels sent", "drift");
        foreach (var drift in summary.Drifts) table.AddColumn(Markup.Escape(drift.Kind == DriftKind.Share ? $"{drift.Feature}={drift.Spec.Split(':')[0]} share" : $"mean {drift.Feature}"));
        foreach (var day in summary.Days)
        {
            var cells = new List<string>
            {
                day.Day.ToString(CultureInfo.InvariantCulture), day.From.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                day.Requests.ToString(CultureInfo.InvariantCulture), day.Labelled.ToString(CultureInfo.InvariantCulture),
                day.LabelsSent.ToString(CultureInfo.InvariantCulture), day.Intensity.ToString("P0", CultureInfo.InvariantCulture),
            };
            cells.AddRange(summary.Drifts.Select(d => day.Drifted.GetValueOrDefault(d.Feature) is { } value ? value.ToString("0.###", CultureInfo.InvariantCulture) : "—"));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        var drifts = summary.Drifts.Count == 0 ? "no drift" : "drifted: " + string.Join(", ", summary.Drifts.Select(d => $"{d.Feature}={d.Spec} from day {d.FromDay}"));
        AnsiConsole.MarkupLineInterpolated($"{summary.Requests:N0} requests to {summary.Endpoint} ({string.Join(", ", summary.Models)}) over [[{summary.From:u}, {summary.Until:u}); {drifts}");
        AnsiConsole.MarkupLineInterpolated($"ground truth: {summary.LabelsSent:N0} labels sent, {summary.LabelsPending:N0} not yet due ({settings.LabelDelay.TotalHours:0.##} h after each request)");
        if (summary.Mode == SimulationMode.InProcess)
            AnsiConsole.MarkupLineInterpolated($"next: flywheel monitor {target} --since {settings.Days}d; flywheel growth {target}");
    }
}
