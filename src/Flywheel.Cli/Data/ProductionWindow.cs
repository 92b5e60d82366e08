using System.Globalization;
using System.Text.RegularExpressions;

namespace Flywheel.Cli.Data;

/// <summary>Reads <c>--since</c>/<c>--until</c>: a duration back from now (<c>90m</c>, <c>24h</c>, <c>30d</c>, <c>2w</c>) or a UTC date/time (<c>2026-11-01</c>, <c>2026-11-01T12:00:00Z</c>).</summary>
internal static partial class ProductionWindow
{
    public static DateTimeOffset? Parse(string? text, string option, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = Duration().Match(text.Trim());
        if (match.Success)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var span = match.Groups[2].Value switch
            {
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7 * amount),
            };
            return now - span;
        }
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)) return at;
        throw new InputException($"{option} is a duration back from now (90m, 24h, 30d, 2w) or a UTC date (2026-11-01, 2026-11-01T12:00:00Z), not '{text}'", option);
    }

    [GeneratedRegex("^([0-9]+(?:\\.[0-9]+)?)(m|h|d|w)$")]
    private static partial Regex Duration();
}
