using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Monitoring.Alerts;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Operate.Webhooks;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Server.Monitoring;

/// <summary>What the routes and jobs share: an endpoint resolved to its use case, and the monitoring service for it.</summary>
public sealed class MonitoringHost(ServerStore server, CaptureReader capture, MonitoringOptions options, WebhookSender sender, IServiceProvider services, ILoggerFactory loggers)
{
    private readonly Lazy<UseCaseStores> _stores = new(() => new UseCaseStores(server.Options.UseCases.Count > 0 ? server.Options.UseCases[0] : ".", server.Store, server.Options.StoreOptions));

    public MonitoringStore Store { get; } = new(server.Store);

    public CaptureReader Capture => capture;

    public async Task<(EndpointRecord Endpoint, UseCase UseCase)> ResolveAsync(string name, CancellationToken cancellation)
    {
        var record = await server.Store.Endpoints.FindAsync(name, cancellation)
            ?? throw new NotFoundException($"no endpoint named '{name}'", "endpoint");
        return (record, UseCaseLoader.Load(record.UseCaseFolder, new UseCaseOptions(server.Options.DataRoots)));
    }

    /// <summary>The store of the use case the endpoint serves: its packages and their baselines.</summary>
    public MetadataStore Registry(EndpointRecord endpoint) => _stores.Value.Get(endpoint.UseCaseFolder);

    public MonitoringService Service(EndpointRecord endpoint)
    {
        var registry = Registry(endpoint);
        var engine = options.Engine?.Invoke(registry, capture)
            ?? new MonitoringEngine(registry, capture, services.GetService<IHumanLabels>(), loggers.CreateLogger<MonitoringEngine>());
        var notifier = new AlertNotifier(sender, options.Webhooks, loggers.CreateLogger<AlertNotifier>());
        return new MonitoringService(engine, Store, notifier, loggers.CreateLogger<MonitoringService>());
    }

    /// <summary>The served use case of this name, its folder and the endpoints that serve it.</summary>
    public async Task<(UseCase UseCase, IReadOnlyList<string> Endpoints)> UseCaseAsync(string name, CancellationToken cancellation)
    {
        foreach (var folder in server.Options.UseCases.Select(Path.GetFullPath))
        {
            var useCase = UseCaseLoader.Load(folder, new UseCaseOptions(server.Options.DataRoots));
            if (useCase.Name != name) continue;
            var endpoints = (await server.Store.Endpoints.ListAsync(cancellation)).Where(e => Path.GetFullPath(e.UseCaseFolder) == folder).Select(e => e.Name).ToList();
            return (useCase, endpoints);
        }
        throw new NotFoundException($"no use case named '{name}' is served here", "name");
    }
}
