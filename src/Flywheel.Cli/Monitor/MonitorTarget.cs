using Flywheel.Cli.Models;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Monitoring.Alerts;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Cli.Monitor;

/// <summary>
/// What <c>flywheel monitor</c>, <c>flywheel growth</c> and <c>flywheel review</c> read: a use-case folder (its store, and the endpoint the server
/// names after the use case) or an endpoint name in the store of <c>--store</c> / <c>-d DIR</c>.
/// </summary>
internal sealed record MonitorTarget(MetadataStore Store, string Endpoint, UseCase UseCase, MetadataStore Registry)
{
    public static async Task<MonitorTarget> ResolveAsync(string target, string directory, string? storeSpec, string field, CancellationToken cancellation)
    {
        var options = CliStore.Options(storeSpec);
        if (Directory.Exists(target) && File.Exists(Path.Combine(target, "flywheel.yaml")))
        {
            var useCase = UseCaseLoader.Load(target);
            var store = MetadataStore.ForUseCase(target, options);
            return new MonitorTarget(store, useCase.Name, useCase, store);
        }
        var server = MetadataStore.ForUseCase(directory, options);
        var record = await server.Endpoints.FindAsync(target, cancellation);
        if (record is null)
        {
            var known = (await server.Endpoints.ListAsync(cancellation)).Select(e => e.Name).ToList();
            throw new InputException($"'{target}' is neither a use-case folder nor an endpoint in {server.Connection.Describe()} (endpoints: {(known.Count == 0 ? "none" : string.Join(", ", known))})", field);
        }
        var served = UseCaseLoader.Load(record.UseCaseFolder);
        var registry = Path.GetFullPath(record.UseCaseFolder) == Path.GetFullPath(directory) ? server : MetadataStore.ForUseCase(record.UseCaseFolder, options);
        return new MonitorTarget(server, record.Name, served, registry);
    }

    public CaptureReader Capture => new(Store.Artifacts.Root);

    public MonitoringService Service() =>
        new(new MonitoringEngine(Registry, Capture, Store.HumanLabels), new MonitoringStore(Store), notifier: null);
}
