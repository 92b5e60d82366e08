using System.Globalization;

namespace Flywheel.Operate.Monitoring.Runs;

/// <summary>How <c>--since</c>/<c>--until</c> and the API's <c>since</c>/<c>until</c> are written: a duration back from now (<c>30m</c>, <c>24h</c>, <c>7d</c>) or an ISO 8601 time.</summary>
public static class MonitoringTimes
{
    public static DateTimeOffset Parse(string text, string field, DateTimeOffset now)
    {
        var value = text.Trim();
        if (value.Length >= 2 && "mhd".Contains(value[^1]) && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount is > 0 and <= 100_000)
            return now - value[^1] switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) };
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)) return at;
        throw new InputException($"'{text}' is not a time: write a duration back from now (30m, 24h, 7d) or ISO 8601 (2026-12-01T09:00:00Z)", field);
    }

    /// <summary>The window [from, to): <paramref name="since"/> else <paramref name="defaultWindow"/> before <paramref name="until"/> (else now).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(string? since, string? until, TimeSpan defaultWindow, DateTimeOffset now, string sinceField = "since", string untilField = "until")
    {
        var to = string.IsNullOrWhiteSpace(until) ? now : Parse(until, untilField, now);
        var from = string.IsNullOrWhiteSpace(since) ? to - defaultWindow : Parse(since, sinceField, now);
        if (to <= from) throw new InputException($"{untilField} ({to:O}) must be later than {sinceField} ({from:O})", untilField);
        return (from, to);
    }
}
