using System.Globalization;
using Flywheel.Value;

namespace Flywheel.Reports;

/// <summary>
/// How numbers read in every renderer (HTML, JSON text, CLI tables): thousands separators and a few significant
/// decimals, never exponent notation ("37,850", not "3.785E+04"), plurals that agree ("1 trial", "2 trials"), ratios as
/// percentages ("ROI 150 %"). The digit rule itself is <see cref="Quantity.Format"/>, so figures the Value stage writes
/// into its own messages read the same.
/// </summary>
public static class NumberText
{
    public static string Number(double value) => value switch
    {
        double.NaN => "—",
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        _ => Quantity.Format(value),
    };

    public static string Number(double? value) => value is { } number ? Number(number) : "—";

    public static string WithUnit(double value, string? unit) =>
        string.IsNullOrEmpty(unit) || !double.IsFinite(value) ? Number(value) : $"{Number(value)} {unit}";

    /// <summary>Whole amounts of money with separators: "1,234,567 JPY"; "-" when there is no amount.</summary>
    public static string Money(double value, string currency) =>
        double.IsFinite(value) ? $"{Whole(value)} {currency}".TrimEnd() : "-";

    public static string Money(double? value, string currency) => value is { } amount ? Money(amount, currency) : "-";

    /// <summary>A ratio as a percentage: 1.5 → "150 %", 0.0123 → "1.2 %"; null → "—".</summary>
    public static string Percent(double? ratio) => ValueText.Percent(ratio);

    public static string Days(double? days) => ValueText.Days(days);

    /// <summary>A count and its noun in agreement: "1 trial", "12 trials", "1,000 rows".</summary>
    public static string Count(long count, string singular, string? plural = null) =>
        $"{count.ToString("#,0", CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>A fixed number of decimals, for figures whose precision is part of their meaning (seconds, thresholds).</summary>
    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("#,0." + new string('0', decimals), CultureInfo.InvariantCulture) : Number(value);

    /// <summary>At most <paramref name="decimals"/> decimals, trailing zeros dropped: 0.5 → "0.5", 0.42857 → "0.4286".</summary>
    public static string Decimals(double value, int decimals) =>
        double.IsFinite(value) ? Clean(value.ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture)) : Number(value);

    private static string Whole(double value) => Clean(value.ToString("#,0", CultureInfo.InvariantCulture));

    private static string Clean(string text) => text == "-0" ? "0" : text;
}
