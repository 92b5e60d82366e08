using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

// The monitoring tables: one row per monitoring run (its report as JSON beside the counts a list shows) and one row per
// alert, deduplicated on (endpoint, check, feature) while it is not resolved. Read and written by
// Operate/Monitoring/Runs/MonitoringStore.

internal sealed class MonitoringRunRow
{
    /// <summary>Identity: grows with write time, so lists order by it (SQLite cannot order by DateTimeOffset).</summary>
    public long Id { get; set; }
    public string Endpoint { get; set; } = "";
    public string UseCase { get; set; } = "";
    public string? Variant { get; set; }
    public DateTimeOffset WindowFrom { get; set; }
    public DateTimeOffset WindowTo { get; set; }
    public long Rows { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public string Actor { get; set; } = "";
    public int Violations { get; set; }
    public int DriftedFeatures { get; set; }
    public bool DatasetDrifted { get; set; }
    public int Alerts { get; set; }
    public string ReportJson { get; set; } = "{}";
}

internal sealed class MonitoringAlertRow
{
    public Guid Id { get; set; }
    public string Endpoint { get; set; } = "";
    public string Check { get; set; } = "";
    /// <summary>"" for a dataset-level check, so the dedupe key has no null in it.</summary>
    public string Feature { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Role { get; set; } = "";
    public string Message { get; set; } = "";
    public string EvidenceJson { get; set; } = "{}";
    public string State { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public int Count { get; set; }
    public long FirstRunId { get; set; }
    public long LastRunId { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
}

internal static class MonitoringRows
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<MonitoringRunRow>(run =>
        {
            run.ToTable("monitoring_runs");
            run.HasKey(r => r.Id);
            run.HasIndex(r => r.Endpoint);
        });
        model.Entity<MonitoringAlertRow>(alert =>
        {
            alert.ToTable("monitoring_alerts");
            alert.HasKey(a => a.Id);
            alert.HasIndex(a => new { a.Endpoint, a.State });
            alert.HasIndex(a => new { a.Endpoint, a.Check, a.Feature });
        });
    }
}
