namespace Flywheel.Bench.Monitoring;

/// <summary>The day the benchmark's capture is stamped in: fixed, so `flywheel monitor --since/--until` and the peer read the same window.</summary>
internal static class BenchWindow
{
    public const string Endpoint = "bench-monitoring";
    public static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset To = From.AddDays(1);
}
