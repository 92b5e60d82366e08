using System.Text.Json;

namespace Flywheel.Operate.Monitoring.Alerts;

/// <summary>Where an alert is: open while its check keeps firing, acknowledged by a person (still firing), resolved when a run no longer finds it.</summary>
public static class AlertStates
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static readonly string[] All = [Open, Acknowledged, Resolved];
}

/// <summary>An alert as the store keeps it: the dedupe key (endpoint, check, feature), its state and times, how many runs saw it, the evidence of the latest.</summary>
public sealed record StoredAlert(
    Guid Id, string Endpoint, string Check, string? Feature, string Severity, string Role, string Message, JsonElement Evidence, string State,
    DateTimeOffset OpenedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ResolvedAt, int Count, long FirstRunId, long LastRunId,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt)
{
    public MonitoringAlert ToReportAlert() => new(Check, Feature, Severity, Role, Message) { State = State, Id = Id, OpenedAt = OpenedAt };
}

/// <summary>What one run changed: alerts opened, still open (seen again), resolved.</summary>
public sealed record AlertChanges(IReadOnlyList<StoredAlert> Opened, IReadOnlyList<StoredAlert> Continued, IReadOnlyList<StoredAlert> Resolved)
{
    /// <summary>The alerts the run found, in the order it found them.</summary>
    public IReadOnlyList<StoredAlert> Current => [.. Opened, .. Continued];
}
