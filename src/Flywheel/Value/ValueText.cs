using System.Globalization;

namespace Flywheel.Value;

/// <summary>How value results read in tables and reports: money with separators, days with months beside, ROI as a percentage.</summary>
public static class ValueText
{
    public static string Money(double amount, string unit) => $"{Quantity.Format(amount)} {unit}";

    public static string Days(double? days) => days switch
    {
        null => "never",
        < 60 => Count(days.Value, "0.#", "day"),
        _ => $"{Count(days.Value, "#,##0", "day")} ({Count(days.Value / UnitCatalog.DaysPerMonth, "0.#", "month")})",
    };

    /// <summary>"1 day", "1.5 days", "2 months": the noun agrees with the number as written.</summary>
    private static string Count(double amount, string format, string noun)
    {
        var text = amount.ToString(format, CultureInfo.InvariantCulture);
        return text == "1" ? $"1 {noun}" : $"{text} {noun}s";
    }

    /// <summary>A break-even pair in little space: "76 → 50 days".</summary>
    public static string DaysRange(double? low, double? high) => $"{WholeDays(low)} → {WholeDays(high)} days";

    /// <summary>Whole days, or "never": "63".</summary>
    public static string WholeDays(double? days) => days is { } value ? value.ToString("0", CultureInfo.InvariantCulture) : "never";

    public static string Percent(double? ratio) => ratio is { } value ? (value * 100).ToString("#,##0.#", CultureInfo.InvariantCulture) + " %" : "—";

    public static string Horizon(double days) => days % UnitCatalog.DaysPerYear == 0
        ? Count(days / UnitCatalog.DaysPerYear, "#,##0", "year")
        : Days(days);
}
