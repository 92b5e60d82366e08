using System.Text.Json;
using Flywheel.Operate.Monitoring.Alerts;
using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Operate.Monitoring.Runs;

/// <summary>
/// Monitoring runs and their alerts in the metadata store. <see cref="RecordAsync"/> stores a run and reconciles the
/// endpoint's alerts in one transaction: a candidate whose (check, feature) has an alert that is not resolved updates it
/// (last seen, count, evidence); a new one opens an alert; an unresolved alert the run no longer finds is resolved.
/// Opening, resolving and acknowledging are audited (<c>alert.open</c>, <c>alert.resolve</c>, <c>alert.acknowledge</c>
/// on <c>alert:&lt;id&gt;</c>, before → after), and so is the run itself (<c>monitoring-run.record</c> on
/// <c>monitoring-run:&lt;id&gt;</c>: window, rows, violations, alerts opened and resolved). Two runs of one endpoint are serialized by the caller (one job per endpoint).
/// </summary>
public sealed class MonitoringStore(MetadataStore store)
{
    private readonly MetadataDatabase _database = store.Database;
    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    public MetadataStore Store => store;

    public static string Subject(Guid alert) => $"alert:{alert}";

    public static string RunSubject(long run) => $"monitoring-run:{run}";

    public async Task<(MonitoringRun Run, AlertChanges Changes)> RecordAsync(MonitoringReport report, IReadOnlyList<AlertCandidate> candidates, string actor,
        DateTimeOffset startedAt, string? variant = null, CancellationToken cancellation = default)
    {
        var now = Clock.GetUtcNow();
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellation);
        var run = new MonitoringRunRow
        {
            Endpoint = report.Endpoint, UseCase = report.UseCase, Variant = variant, WindowFrom = report.Window.From, WindowTo = report.Window.To, Rows = report.Window.Rows,
            StartedAt = startedAt, FinishedAt = now, Actor = actor, Violations = report.Violations.Count, DriftedFeatures = report.Drift.Count(d => d.Drifted),
            DatasetDrifted = report.DatasetDrift.Drifted,
        };
        context.MonitoringRuns.Add(run);
        await context.SaveChangesAsync(cancellation);

        var active = await context.MonitoringAlerts.Where(a => a.Endpoint == report.Endpoint && a.State != AlertStates.Resolved).ToListAsync(cancellation);
        var opened = new List<MonitoringAlertRow>();
        var continued = new List<MonitoringAlertRow>();
        foreach (var candidate in candidates)
        {
            var feature = candidate.Feature ?? "";
            var evidence = MonitoringJson.Serialize(candidate.Evidence);
            if (active.FirstOrDefault(a => a.Check == candidate.Check && a.Feature == feature) is { } existing)
            {
                existing.LastSeenAt = now;
                existing.Count++;
                existing.LastRunId = run.Id;
                existing.Severity = candidate.Severity;
                existing.Role = candidate.Role;
                existing.Message = candidate.Message;
                existing.EvidenceJson = evidence;
                continued.Add(existing);
                continue;
            }
            var row = new MonitoringAlertRow
            {
                Id = Guid.NewGuid(), Endpoint = report.Endpoint, Check = candidate.Check, Feature = feature, Severity = candidate.Severity, Role = candidate.Role,
                Message = candidate.Message, EvidenceJson = evidence, State = AlertStates.Open, OpenedAt = now, LastSeenAt = now, Count = 1,
                FirstRunId = run.Id, LastRunId = run.Id,
            };
            context.MonitoringAlerts.Add(row);
            opened.Add(row);
            Audit.Add(context, actor, "alert.open", Subject(row.Id), now,
                new { before = (string?)null, after = AlertStates.Open, endpoint = row.Endpoint, check = row.Check, feature = candidate.Feature, severity = row.Severity, role = row.Role, run = run.Id });
        }
        var resolved = active.Except(continued).ToList();
        foreach (var row in resolved)
        {
            Audit.Add(context, actor, "alert.resolve", Subject(row.Id), now,
                new { before = row.State, after = AlertStates.Resolved, endpoint = row.Endpoint, check = row.Check, feature = row.Feature, run = run.Id });
            row.State = AlertStates.Resolved;
            row.ResolvedAt = now;
        }

        var changes = new AlertChanges(opened.Select(ToRecord).ToList(), continued.Select(ToRecord).ToList(), resolved.Select(ToRecord).ToList());
        var filled = report with { Alerts = changes.Current.Select(a => a.ToReportAlert()).ToList() };
        run.ReportJson = MonitoringJson.Serialize(filled);
        run.Alerts = filled.Alerts.Count;
        Audit.Add(context, actor, "monitoring-run.record", RunSubject(run.Id), now,
            new { endpoint = run.Endpoint, variant, from = run.WindowFrom, to = run.WindowTo, rows = run.Rows, violations = run.Violations, driftedFeatures = run.DriftedFeatures,
                opened = opened.Count, resolved = resolved.Count });
        await context.SaveChangesAsync(cancellation);
        store.Options.Reach(WritePoints.MonitoringCommit);
        await transaction.CommitAsync(cancellation);
        return (new MonitoringRun(Summary(run), filled), changes);
    }

    public async Task<MonitoringRun> GetRunAsync(long id, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        var row = await context.MonitoringRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellation)
            ?? throw new NotFoundException($"no monitoring run {id}", $"monitoring-run:{id}");
        return new MonitoringRun(Summary(row), MonitoringJson.Report(row.ReportJson));
    }

    /// <summary>An endpoint's runs, newest first, <paramref name="limit"/> from <paramref name="offset"/>.</summary>
    public async Task<MonitoringRunPage> ListRunsAsync(string endpoint, int offset = 0, int limit = 50, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        var query = context.MonitoringRuns.AsNoTracking().Where(r => r.Endpoint == endpoint);
        var total = await query.CountAsync(cancellation);
        var rows = await query.OrderByDescending(r => r.Id).Skip(offset).Take(limit)
            .Select(r => new MonitoringRunRow
            {
                Id = r.Id, Endpoint = r.Endpoint, UseCase = r.UseCase, Variant = r.Variant, WindowFrom = r.WindowFrom, WindowTo = r.WindowTo, Rows = r.Rows,
                StartedAt = r.StartedAt, FinishedAt = r.FinishedAt, Actor = r.Actor, Violations = r.Violations, DriftedFeatures = r.DriftedFeatures,
                DatasetDrifted = r.DatasetDrifted, Alerts = r.Alerts,
            }).ToListAsync(cancellation);
        return new MonitoringRunPage(rows.Select(Summary).ToList(), total, offset + rows.Count < total ? offset + rows.Count : null);
    }

    /// <summary>How many runs the endpoints have and the newest one's id: a run is never changed once stored, so this names what <see cref="ReportsAsync"/> would read.</summary>
    public async Task<(int Runs, long Newest)> RunsStampAsync(IReadOnlyCollection<string> endpoints, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        var runs = context.MonitoringRuns.AsNoTracking().Where(r => endpoints.Contains(r.Endpoint));
        return (await runs.CountAsync(cancellation), await runs.MaxAsync(r => (long?)r.Id, cancellation) ?? 0);
    }

    /// <summary>Every stored report of the endpoints, oldest first (the growth series read them).</summary>
    public async Task<IReadOnlyList<MonitoringRun>> ReportsAsync(IReadOnlyCollection<string> endpoints, CancellationToken cancellation = default)
    {
        await using var context = _database.CreateContext();
        var rows = await context.MonitoringRuns.AsNoTracking().Where(r => endpoints.Contains(r.Endpoint)).OrderBy(r => r.Id).ToListAsync(cancellation);
        return rows.Select(r => new MonitoringRun(Summary(r), MonitoringJson.Report(r.ReportJson))).ToList();
    }

    /// <summary>Alerts, newest opened first, of one endpoint and state when given.</summary>
    public async Task<IReadOnlyList<StoredAlert>> ListAlertsAsync(string? endpoint = null, string? state = null, int limit = 200, CancellationToken cancellation = default)
    {
        if (state is not null && !AlertStates.All.Contains(state))
            throw new InputException($"unknown alert state '{state}'; one of {string.Join(", ", AlertStates.All)}", "state");
        await using var context = _database.CreateContext();
        var query = context.MonitoringAlerts.AsNoTracking();
        if (endpoint is not null) query = query.Where(a => a.Endpoint == endpoint);
        if (state is not null) query = query.Where(a => a.State == state);
        var rows = await query.ToListAsync(cancellation);
        // SQLite cannot order by DateTimeOffset: ordered here.
        return rows.OrderByDescending(r => r.OpenedAt).ThenBy(r => r.Id).Take(limit).Select(ToRecord).ToList();
    }

    /// <summary>open → acknowledged, in one conditional UPDATE (two people acknowledging at once: one wins, the other gets a conflict).</summary>
    public async Task<StoredAlert> AcknowledgeAsync(Guid id, string actor, CancellationToken cancellation = default)
    {
        var now = Clock.GetUtcNow();
        await using var context = _database.CreateContext();
        var row = await context.MonitoringAlerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellation)
            ?? throw new NotFoundException($"no alert {id}", Subject(id));
        var changed = await context.MonitoringAlerts.Where(a => a.Id == id && a.State == AlertStates.Open)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AlertStates.Acknowledged).SetProperty(a => a.AcknowledgedBy, actor).SetProperty(a => a.AcknowledgedAt, now), cancellation);
        if (changed == 0) throw new ConflictException($"alert {id} is {row.State}; only an open alert can be acknowledged", Subject(id));
        Audit.Add(context, actor, "alert.acknowledge", Subject(id), now, new { before = AlertStates.Open, after = AlertStates.Acknowledged, endpoint = row.Endpoint, check = row.Check });
        await context.SaveChangesAsync(cancellation);
        return ToRecord(await context.MonitoringAlerts.AsNoTracking().FirstAsync(a => a.Id == id, cancellation));
    }

    private static MonitoringRunSummary Summary(MonitoringRunRow r) => new(r.Id, r.Endpoint, r.UseCase, r.Variant, r.WindowFrom, r.WindowTo, r.Rows,
        r.StartedAt, r.FinishedAt, r.Actor, r.Violations, r.DriftedFeatures, r.DatasetDrifted, r.Alerts);

    private static StoredAlert ToRecord(MonitoringAlertRow r) => new(r.Id, r.Endpoint, r.Check, r.Feature.Length == 0 ? null : r.Feature, r.Severity, r.Role,
        r.Message, JsonDocument.Parse(r.EvidenceJson).RootElement.Clone(), r.State, r.OpenedAt, r.LastSeenAt, r.ResolvedAt, r.Count, r.FirstRunId, r.LastRunId,
        r.AcknowledgedBy, r.AcknowledgedAt);
}
