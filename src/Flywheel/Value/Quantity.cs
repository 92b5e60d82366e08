using System.Globalization;

namespace Flywheel.Value;

/// <summary>
/// A number with a dimension, held in base units (currencies as themselves, time in days). Adding or comparing
/// quantities of different dimensions is refused; multiplying and dividing combine the dimensions.
/// </summary>
public readonly record struct Quantity(double Value, Dimension Dimension)
{
    public static Quantity Dimensionless(double value) => new(value, Dimension.None);

    public bool IsDimensionless => Dimension.IsNone;

    public static Quantity operator *(Quantity left, Quantity right) => new(left.Value * right.Value, left.Dimension.Multiply(right.Dimension));

    public static Quantity operator /(Quantity left, Quantity right) => new(left.Value / right.Value, left.Dimension.Divide(right.Dimension));

    public static Quantity operator -(Quantity operand) => new(-operand.Value, operand.Dimension);

    /// <summary>The sum, or null when the dimensions differ.</summary>
    public Quantity? TryAdd(Quantity other) => Dimension.Equals(other.Dimension) ? new Quantity(Value + other.Value, Dimension) : null;

    public Quantity? TrySubtract(Quantity other) => Dimension.Equals(other.Dimension) ? new Quantity(Value - other.Value, Dimension) : null;

    public Quantity Scale(double factor) => new(Value * factor, Dimension);

    /// <summary>The display unit: time in days, currencies by code, e.g. "JPY/day".</summary>
    public string UnitText => Dimension.ToString();

    /// <summary>Readable text such as "162,000 JPY/day" or "2.25".</summary>
    public override string ToString() => Format(Value) + (IsDimensionless ? "" : " " + UnitText);

    /// <summary>Thousands separators, at most a few significant decimals; invariant culture so output is stable.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(value);
        // Below 1, four significant digits: a churn of 0.009903 per month must not read as 0.0099 — and never in
        // exponent notation ("9.903E-03"), which reads as a typo to anyone but an engineer.
        if (magnitude is > 0 and < 1) return Small(value, magnitude);
        var format = magnitude >= 1000 ? "#,##0" : magnitude >= 100 ? "#,##0.#" : "#,##0.##";
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    private static string Small(double value, double magnitude)
    {
        const int MaxDecimals = 12;
        var decimals = Math.Clamp(3 - (int)Math.Floor(Math.Log10(magnitude)), 1, MaxDecimals);
        var text = value.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        // Only a number smaller than a trillionth still needs an exponent to show anything.
        return text is "0" or "-0" ? value.ToString("G4", CultureInfo.InvariantCulture) : text;
    }
}
