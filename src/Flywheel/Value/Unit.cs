namespace Flywheel.Value;

/// <summary>
/// A unit: a dimension and the factor that converts one of it to the base units (currencies as themselves, time in days).
/// <c>JPY/month</c> is JPY·time⁻¹ with factor 1/30.4375; <c>people</c> is dimensionless with factor 1.
/// </summary>
public sealed record Unit(double Factor, Dimension Dimension, string Text)
{
    public static Unit One { get; } = new(1, Dimension.None, "");

    /// <summary>Parses unit text such as <c>JPY/h</c>, <c>1/month</c> or <c>person</c> (for code; files go through the model builder, which knows positions).</summary>
    public static Unit Parse(string text) =>
        new FormulaParser().ParseUnit(new FormulaSource(text, new UseCases.SourcePosition("unit", 1, 1), $"unit '{text}'"));

    public Unit Multiply(Unit other) => new(Factor * other.Factor, Dimension.Multiply(other.Dimension), Join(Text, "*", other.Text));

    public Unit Divide(Unit other) => new(Factor / other.Factor, Dimension.Divide(other.Dimension), Join(Text == "" ? "1" : Text, "/", other.Text));

    public Unit Power(int exponent) => new(Math.Pow(Factor, exponent), Dimension.Power(exponent), exponent == 1 ? Text : $"{Text}^{exponent}");

    /// <summary>An amount written in this unit, as a quantity in base units.</summary>
    public Quantity Of(double amount) => new(amount * Factor, Dimension);

    /// <summary>How many of this unit the quantity is; the dimensions must agree.</summary>
    public double AmountOf(Quantity quantity) => quantity.Dimension.Equals(Dimension)
        ? quantity.Value / Factor
        : throw new InvalidOperationException($"a quantity in {quantity.Dimension} cannot be expressed in {Text}");

    public override string ToString() => Text;

    private static string Join(string left, string op, string right) => left == "" ? right : right == "" ? left : $"{left}{op}{right}";
}
