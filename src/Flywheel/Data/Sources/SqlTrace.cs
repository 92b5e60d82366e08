using System.Diagnostics;

namespace Flywheel.Data.Sources;

/// <summary>
/// With the environment variable <c>FLYWHEEL_TRACE_SQL</c> set, every query's wall time and its opening go to
/// standard error: where a profile spends its time, without a profiler. <c>FLYWHEEL_TRACE_SQL=full</c> prints whole queries.
/// </summary>
internal static class SqlTrace
{
    private static readonly string? Mode = Environment.GetEnvironmentVariable("FLYWHEEL_TRACE_SQL");
    private const int Opening = 160;

    public static T Time<T>(string sql, Func<T> run)
    {
        if (string.IsNullOrEmpty(Mode)) return run();
        var clock = Stopwatch.StartNew();
        try
        {
            return run();
        }
        finally
        {
            var text = Mode == "full" || sql.Length <= Opening ? sql : sql[..Opening] + "…";
            Console.Error.WriteLine($"sql {clock.Elapsed.TotalSeconds:0.000} s  {text}");
        }
    }
}
