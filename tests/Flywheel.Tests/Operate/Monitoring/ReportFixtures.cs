using Flywheel.Operate.Monitoring;
using Flywheel.UseCases;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>Hand-built monitoring reports (the records are plain) and an engine that hands them out in order.</summary>
internal static class ReportFixtures
{
    public static readonly DateTimeOffset From = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static UseCase UseCase(string monitoring = "", string owner = "") => UseCaseLoader.Parse($"""
        name: churn
        statement: keep subscribers
        {owner}
        {monitoring}
        """, Path.Combine(Path.GetTempPath(), "flywheel.yaml"));

    public static FeatureDrift Drift(string feature, bool drifted, double statistic = 0.3) =>
        new(feature, "numeric", "ks", statistic, drifted ? 0.001 : 0.4, 0.05, drifted, 0.2, 1000, 500);

    public static MonitoringReport Report(params FeatureDrift[] drift) => new()
    {
        Endpoint = "churn",
        UseCase = "churn",
        ModelVersions = ["churn:1"],
        Window = new MonitoringWindow(From, From.AddDays(1), 500),
        Drift = drift,
        DatasetDrift = new DatasetDrift(drift.Count(d => d.Drifted) / (double)Math.Max(1, drift.Length), 0.5, false, drift.Count(d => d.Drifted), drift.Length),
    };

    public static MonitoringRequest Request(UseCase useCase) => new("churn", useCase, From, From.AddDays(1));
}

internal sealed class QueuedEngine(params MonitoringReport[] reports) : IMonitoringEngine
{
    private readonly Queue<MonitoringReport> _reports = new(reports);

    public Task<MonitoringReport> RunAsync(MonitoringRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        progress?.Report(1);
        return Task.FromResult(_reports.Dequeue());
    }
}
