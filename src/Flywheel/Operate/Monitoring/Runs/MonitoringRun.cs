namespace Flywheel.Operate.Monitoring.Runs;

/// <summary>A stored monitoring run without its report: what a list shows.</summary>
public sealed record MonitoringRunSummary(
    long Id, string Endpoint, string UseCase, string? Variant, DateTimeOffset WindowFrom, DateTimeOffset WindowTo, long Rows,
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Actor, int Violations, int DriftedFeatures, bool DatasetDrifted, int Alerts);

/// <summary>A stored run and its report (alerts filled).</summary>
public sealed record MonitoringRun(MonitoringRunSummary Summary, MonitoringReport Report);

/// <summary>A page of runs, newest first; <see cref="Next"/> is the offset of the next page (null: no more).</summary>
public sealed record MonitoringRunPage(IReadOnlyList<MonitoringRunSummary> Runs, int Total, int? Next);
