using System.Diagnostics.Metrics;

namespace Flywheel.Telemetry;

/// <summary>
/// The instruments of what the server runs, on the same <see cref="FlywheelTelemetry.Meter"/> (so <c>/metrics</c> shows
/// them with the library's): invocations and their latency per endpoint and variant, capture taken and dropped, jobs.
/// Tags: <c>endpoint</c>, <c>variant</c>, <c>status</c> (HTTP status code) and, for jobs, <c>kind</c> and <c>state</c>.
/// </summary>
public static class OperateTelemetry
{
    private static Meter Meter => FlywheelTelemetry.Meter;

    public static Counter<long> Invocations { get; } = Meter.CreateCounter<long>("flywheel.server.invocations", "{request}", "inference requests answered");

    public static Histogram<double> InvocationDuration { get; } = Meter.CreateHistogram<double>("flywheel.server.invocation.duration", "s", "time to answer an inference request",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static Counter<long> RowsInvoked { get; } = Meter.CreateCounter<long>("flywheel.server.rows", "{row}", "rows scored by inference requests");

    public static Counter<long> CaptureWritten { get; } = Meter.CreateCounter<long>("flywheel.capture.records", "{record}", "capture records written");

    public static Counter<long> CaptureDropped { get; } = Meter.CreateCounter<long>("flywheel.capture.dropped", "{record}", "capture records dropped because the buffer was full");

    public static Counter<long> Jobs { get; } = Meter.CreateCounter<long>("flywheel.jobs", "{job}", "jobs that reached a state (submitted, succeeded, failed, cancelled)");
}
