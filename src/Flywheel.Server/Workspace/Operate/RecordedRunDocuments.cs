using System.Collections.Concurrent;
using Flywheel.Operate.Monitoring.Reporting;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Reports;
using Flywheel.Server.Monitoring;

namespace Flywheel.Server.Workspace.Operate;

/// <summary>
/// A recorded monitoring run and its report document, read and built once: a run is written whole when it finishes and
/// never changes, so the Monitoring page (and the SVG of its charts, see ReportCharts) need not rebuild it on every
/// visit. One per server (run ids are the server store's); the newest few runs are kept.
/// </summary>
public sealed class RecordedRunDocuments(MonitoringHost host)
{
    private const int Kept = 32;
    private readonly ConcurrentDictionary<long, (MonitoringRun Run, ReportDocument Document)> _built = new();

    public async Task<(MonitoringRun Run, ReportDocument Document)> GetAsync(long id, CancellationToken cancellation = default)
    {
        if (_built.TryGetValue(id, out var known)) return known;
        var run = await host.Store.GetRunAsync(id, cancellation);
        var built = (run, MonitoringReportDocument.Build(run.Report));
        if (_built.Count >= Kept) foreach (var old in _built.Keys.Order().Take(_built.Count - Kept + 1)) _built.TryRemove(old, out _);
        return _built[id] = built;
    }
}
