namespace Flywheel.Operate.Monitoring;

/// <summary>
/// The computation of one monitoring run, as <see cref="Runs.MonitoringService"/> needs it: <see cref="MonitoringEngine"/>
/// in production, a hand-built report in tests.
/// </summary>
public interface IMonitoringEngine
{
    Task<MonitoringReport> RunAsync(MonitoringRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default);
}
