using Flywheel.Operate.Capture;
using Flywheel.Storage;
using Flywheel.UseCases;
using Microsoft.Extensions.Logging;

namespace Flywheel.Operate.Monitoring;

/// <summary>
/// What one monitoring run reads: an endpoint's capture in [From, To), the use case it serves (thresholds, facets,
/// prices, owners), and the registry store its packages (and their baselines) are in.
/// </summary>
public sealed record MonitoringRequest(string Endpoint, UseCase UseCase, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Only this variant's capture; null reads every non-shadow variant.</summary>
    public string? Variant { get; init; }
}

/// <summary>
/// Computes a <see cref="MonitoringReport"/> from the captured window: the served packages' baselines against the
/// window's rows (decoded from the captured requests and responses), ground truth and human labels joined by
/// inference id. Pure computation: it stores nothing and raises no alert (see <c>Alerts</c>).
/// </summary>
public sealed class MonitoringEngine(MetadataStore registry, CaptureReader capture, IHumanLabels? humanLabels = null, ILogger? logger = null) : IMonitoringEngine
{
    public MetadataStore Registry => registry;
    public CaptureReader Capture => capture;
    public IHumanLabels? HumanLabels => humanLabels;
    public ILogger? Logger => logger;

    public Task<MonitoringReport> RunAsync(MonitoringRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        throw new NotImplementedException();
}
