using System.Globalization;

namespace Flywheel.Reports.Charts;

/// <summary>How numbers written on a chart read.</summary>
internal static class ChartText
{
    /// <summary>
    /// <paramref name="value"/> in a .NET format, invariant culture. A value that rounds to zero is written "0", not
    /// "-0" (a correlation of −0.001 shown with "0.##").
    /// </summary>
    public static string Number(double value, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.Skip(1).All(c => c is '0' or '.' or ',') ? text[1..] : text;
    }
}
