using System.Globalization;

namespace Flywheel.Reports;

/// <summary>
/// One table cell: its text and whether it is a number (numbers are right-aligned).
/// Numbers, strings and null convert implicitly, so a row can be written as <c>new TableCell[] { "churn", 0.25, 3 }</c>.
/// </summary>
public readonly record struct TableCell(string Text, bool IsNumber)
{
    /// <summary>A cell holding an already formatted number ("1,234 JPY", "14.2 months"): right-aligned.</summary>
    public static TableCell Number(string formatted) => new(formatted, true);

    public static TableCell Plain(string? text) => new(text ?? "", false);

    /// <summary>Formats with thousands separators and at most four decimals; NaN and infinities as words.</summary>
    public static TableCell Number(double value) => new(Format(value), true);

    public static implicit operator TableCell(string? text) => Plain(text);
    public static implicit operator TableCell(double value) => Number(value);
    public static implicit operator TableCell(int value) => new(value.ToString("#,0", CultureInfo.InvariantCulture), true);
    public static implicit operator TableCell(long value) => new(value.ToString("#,0", CultureInfo.InvariantCulture), true);
    public static implicit operator TableCell(decimal value) => new(value.ToString("#,0.####", CultureInfo.InvariantCulture), true);

    private static string Format(double value) => value switch
    {
        double.NaN => "—",
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        _ => value.ToString("#,0.####", CultureInfo.InvariantCulture),
    };
}
