using Flywheel.Operate.Capture;
using Flywheel.Operate.Feedback;
using Flywheel.Operate.Monitoring.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Operate.Monitoring.Runs;

/// <summary>The outcome of one run: the stored run (its report with <c>Alerts</c> filled) and what changed in the alerts.</summary>
public sealed record MonitoringOutcome(MonitoringRun Run, AlertChanges Changes)
{
    public MonitoringReport Report => Run.Report;
}

/// <summary>
/// One monitoring run end to end: the engine computes the report, <see cref="AlertRules"/> turns it into alert
/// candidates, <see cref="MonitoringStore.RecordAsync"/> stores the run and dedupes/resolves the alerts in one
/// transaction, then the webhooks hear of alerts opened and resolved. The CLI, the API's job and the recurring job call it.
/// </summary>
public sealed class MonitoringService(IMonitoringEngine engine, MonitoringStore store, AlertNotifier? notifier = null, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<MonitoringOutcome> RunAsync(MonitoringRequest request, string actor, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        if (request.To <= request.From) throw new InputException($"until ({request.To:O}) must be later than since ({request.From:O})", "until");
        var started = (store.Store.Options.Clock ?? TimeProvider.System).GetUtcNow();
        var report = await engine.RunAsync(request, progress, cancellation);
        var feedback = new FeedbackStore(store.Store, new CaptureReader(store.Store.Artifacts.Root));
        report = report with { Feedback = await feedback.SummaryAsync(request.Endpoint, cancellation, request.From, request.To) };
        var candidates = AlertRules.From(report, request.UseCase);
        var (run, changes) = await store.RecordAsync(report, candidates, actor, started, request.Variant, cancellation);
        _logger.LogInformation("monitoring run {Run} of {Endpoint}: {Rows} rows, {Opened} alerts opened, {Continued} still open, {Resolved} resolved",
            run.Summary.Id, request.Endpoint, report.Window.Rows, changes.Opened.Count, changes.Continued.Count, changes.Resolved.Count);
        if (notifier is not null) await notifier.NotifyAsync(run.Summary, changes, cancellation);
        return new MonitoringOutcome(run, changes);
    }
}
