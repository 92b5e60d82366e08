namespace Flywheel.Operate;

/// <summary>Times the review tables compare in SQL are Unix milliseconds (SQLite cannot compare DateTimeOffset).</summary>
internal static class ReviewClock
{
    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
