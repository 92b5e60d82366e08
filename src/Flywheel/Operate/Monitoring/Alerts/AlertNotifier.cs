using System.Text;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Operate.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Operate.Monitoring.Alerts;

/// <summary>
/// Sends an alert to every configured webhook when it opens (<c>X-Flywheel-Event: monitoring.alert.opened</c>) and when it
/// resolves (<c>monitoring.alert.resolved</c>), signed and retried by <see cref="WebhookSender"/>. The body:
/// <c>{"event", "endpoint", "run": {"id", "from", "to"}, "alert": {"id", "check", "feature", "severity", "role", "message",
/// "state", "openedAt", "lastSeenAt", "resolvedAt", "count", "evidence"}}</c>. A target that never answers is logged; the
/// run is already stored, so a failed delivery never undoes it.
/// </summary>
public sealed class AlertNotifier(WebhookSender sender, IReadOnlyList<WebhookTarget> targets, ILogger? logger = null)
{
    public const string Opened = "monitoring.alert.opened";
    public const string Resolved = "monitoring.alert.resolved";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public IReadOnlyList<WebhookTarget> Targets => targets;

    public async Task NotifyAsync(MonitoringRunSummary run, AlertChanges changes, CancellationToken cancellation = default)
    {
        if (targets.Count == 0) return;
        foreach (var (eventName, alert) in changes.Opened.Select(a => (Opened, a)).Concat(changes.Resolved.Select(a => (Resolved, a))))
        {
            var body = Encoding.UTF8.GetBytes(MonitoringJson.Serialize(Payload(eventName, run, alert)));
            foreach (var target in targets)
            {
                var attempts = await sender.SendAsync(target, eventName, body, attempt =>
                    _logger.LogInformation("alert webhook {Event} {Alert} → {Url}: attempt {Number} {Status}{Error}", eventName, alert.Id, target.Url, attempt.Number, attempt.Status, attempt.Error),
                    cancellation);
                if (!attempts.Any(a => a.Delivered)) _logger.LogWarning("alert webhook {Event} {Alert} was not delivered to {Url}", eventName, alert.Id, target.Url);
            }
        }
    }

    public static object Payload(string eventName, MonitoringRunSummary run, StoredAlert alert) => new
    {
        @event = eventName,
        endpoint = alert.Endpoint,
        run = new { id = run.Id, from = run.WindowFrom, to = run.WindowTo },
        alert = new
        {
            id = alert.Id, check = alert.Check, feature = alert.Feature, severity = alert.Severity, role = alert.Role, message = alert.Message,
            state = alert.State, openedAt = alert.OpenedAt, lastSeenAt = alert.LastSeenAt, resolvedAt = alert.ResolvedAt, count = alert.Count, evidence = alert.Evidence,
        },
    };
}
