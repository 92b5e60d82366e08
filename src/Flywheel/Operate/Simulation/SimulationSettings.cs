using System.Globalization;
using Flywheel.UseCases;

namespace Flywheel.Operate.Simulation;

/// <summary>
/// What a simulation sends: <see cref="Days"/> days of <see cref="PerDay"/> requests (one row each) ending at
/// <see cref="Until"/>, the drifts from day <see cref="DriftFrom"/> (days count from 1, the oldest), and ground truth for
/// <see cref="LabelShare"/> of each day's requests, <see cref="LabelDelay"/> after each. <see cref="Check"/> names the
/// option at fault.
/// </summary>
public sealed record SimulationSettings
{
    public const int MaxDays = 366;
    public const int MaxPerDay = 20_000;

    public int Days { get; init; } = 30;
    public int PerDay { get; init; } = 400;
    public IReadOnlyList<DriftSpec> Drifts { get; init; } = [];

    /// <summary>The first drifted day (1-based); null: the second half (day ⌊days/2⌋ + 1).</summary>
    public int? DriftFrom { get; init; }

    public TimeSpan LabelDelay { get; init; } = TimeSpan.FromDays(3);
    public double LabelShare { get; init; } = 0.6;
    public int Seed { get; init; } = 1;

    /// <summary>The end of the simulated period, "now" for the labels whose delay has elapsed.</summary>
    public DateTimeOffset Until { get; init; } = DateTimeOffset.UtcNow;

    public int FirstDriftedDay => DriftFrom ?? Days / 2 + 1;

    /// <summary>How far the drifts have grown on <paramref name="day"/>: 0 before <see cref="FirstDriftedDay"/>, rising evenly to 1 on the last day.</summary>
    public double Intensity(int day) => day < FirstDriftedDay ? 0 : (double)(day - FirstDriftedDay + 1) / (Days - FirstDriftedDay + 1);

    /// <summary>Requests labelled per day: the share of <see cref="PerDay"/>, rounded half away from zero.</summary>
    public int LabelledPerDay => (int)Math.Round(LabelShare * PerDay, MidpointRounding.AwayFromZero);

    /// <summary>Day <paramref name="day"/> is the 24 hours [Until − (Days − day + 1)·24 h, Until − (Days − day)·24 h).</summary>
    public DateTimeOffset DayStart(int day) => Until - TimeSpan.FromDays(Days - day + 1);

    public SimulationSettings Check(SimulationFields fields)
    {
        if (Days is < 1 or > MaxDays) throw new InputException($"{fields.Days} must be a whole number of days from 1 to {MaxDays}, not {Days}", fields.Days);
        if (PerDay is < 1 or > MaxPerDay) throw new InputException($"{fields.PerDay} must be from 1 to {MaxPerDay:N0} requests a day, not {PerDay}", fields.PerDay);
        if (DriftFrom is { } from && (from < 1 || from > Days))
            throw new InputException($"{fields.DriftFrom} must name a simulated day from 1 to {Days}, not {from}", fields.DriftFrom);
        if (LabelShare is < 0 or > 1 || double.IsNaN(LabelShare))
            throw new InputException($"{fields.LabelShare} must be a share from 0 to 1, not {LabelShare.ToString(CultureInfo.InvariantCulture)}", fields.LabelShare);
        if (LabelDelay < TimeSpan.Zero) throw new InputException($"{fields.LabelDelay} must not be negative", fields.LabelDelay);
        if (Drifts.GroupBy(d => d.Feature, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InputException($"'{twice.Key}' is drifted twice ({string.Join(" and ", twice.Select(d => d.Text))}); give one drift per feature", fields.Drift);
        return this;
    }

    /// <summary>
    /// A delay as <c>3d</c>, <c>12h</c>, <c>30m</c>, <c>90s</c> or <c>0</c> (labels at once); null when it is none of these.
    /// Days are what <see cref="DurationText"/> lacks; the rest is its reading.
    /// </summary>
    public static TimeSpan? ParseDelay(string text)
    {
        var value = text.Trim();
        if (value == "0") return TimeSpan.Zero;
        if (value.EndsWith('d'))
            return double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var days) && days > 0 && days <= MaxDays
                ? TimeSpan.FromDays(days) : null;
        return DurationText.TryParse(value);
    }
}

/// <summary>The names the host gives each setting, for its error messages (<c>--days</c> on the command line).</summary>
public sealed record SimulationFields(string Days = "days", string PerDay = "perDay", string Drift = "drift", string DriftFrom = "driftFrom",
    string LabelDelay = "labelDelay", string LabelShare = "labelShare", string Url = "url", string Key = "key");
