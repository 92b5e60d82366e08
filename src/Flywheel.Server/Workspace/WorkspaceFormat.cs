using System.Globalization;

namespace Flywheel.Server.Workspace;

/// <summary>Numbers, money and dates as the page's language writes them (CultureInfo.CurrentCulture of the request).</summary>
public static class WorkspaceFormat
{
    /// <summary>An amount in an ISO currency in the culture's pattern and grouping, with the currency's symbol where it has a common one.</summary>
    public static string Money(double amount, string? currency, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbol(currency);
        // Yen has no minor unit; per-day figures of other currencies are shown to the cent.
        format.CurrencyDecimalDigits = currency is "JPY" or null ? 0 : 2;
        return amount.ToString("C", format);
    }

    public static string Number(double value, CultureInfo culture, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), culture);

    public static string Date(DateOnly day, CultureInfo culture) => day.ToString("d", culture);

    /// <summary>A quantity with its unit (<c>1,725,800 JPY/day</c>): whole numbers as such and from 100 up, two decimals below.</summary>
    public static string Amount(Flywheel.Value.Quantity quantity, CultureInfo culture) =>
        Number(quantity.Value, culture, Math.Abs(quantity.Value) >= 100 || quantity.Value == Math.Round(quantity.Value) ? 0 : 2)
        + (quantity.IsDimensionless ? "" : " " + quantity.UnitText);

    private static string Symbol(string? currency) => currency switch
    {
        null or "JPY" => "¥",
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => currency + " ",
    };
}
