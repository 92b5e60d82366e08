using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Flywheel.Value;

namespace Flywheel.Tests.Value;

/// <summary>Properties of the unit algebra over units drawn from the catalog.</summary>
public class UnitPropertyTests
{
    private static readonly string[] UnitWords = ["s", "min", "h", "day", "week", "month", "year", "JPY", "USD", "EUR", "円", "people", "件", "items"];
    private static readonly string[] TimeWords = ["s", "min", "h", "hours", "day", "days", "week", "month", "months", "year", "years"];

    public static class Arbitraries
    {
        public static Arbitrary<Unit> Units() =>
            Gen.Elements(UnitWords)
                .Two()
                .Zip(Gen.Elements(true, false))
                .Select(pair => pair.Item2
                    ? UnitCatalog.Find(pair.Item1.Item1)!.Divide(UnitCatalog.Find(pair.Item1.Item2)!)
                    : UnitCatalog.Find(pair.Item1.Item1)!.Multiply(UnitCatalog.Find(pair.Item1.Item2)!))
                .ToArbitrary();
    }

    private static double Finite(NormalFloat value) => Math.Clamp(value.Get, -1e12, 1e12);

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Converting_to_base_units_and_back_round_trips(Unit unit, NormalFloat amount)
    {
        var value = Finite(amount);
        var back = unit.AmountOf(unit.Of(value));
        return Math.Abs(back - value) <= 1e-9 * Math.Max(1, Math.Abs(value));
    }

    [Property]
    public bool Time_units_convert_into_each_other_and_back(NormalFloat amount)
    {
        var value = Finite(amount);
        return TimeWords.All(from => TimeWords.All(to =>
        {
            var source = UnitCatalog.Find(from)!;
            var target = UnitCatalog.Find(to)!;
            var converted = target.AmountOf(source.Of(value));
            var back = source.AmountOf(target.Of(converted));
            return Math.Abs(back - value) <= 1e-9 * Math.Max(1, Math.Abs(value));
        }));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Addition_is_defined_both_ways_or_neither(Unit left, Unit right, NormalFloat a, NormalFloat b)
    {
        var x = left.Of(Finite(a));
        var y = right.Of(Finite(b));
        return x.TryAdd(y).HasValue == y.TryAdd(x).HasValue
            && x.TrySubtract(y).HasValue == x.TryAdd(y).HasValue
            && x.TryAdd(y).HasValue == left.Dimension.Equals(right.Dimension);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Multiplying_then_dividing_by_a_unit_gives_the_unit_back(Unit left, Unit right)
    {
        var back = left.Multiply(right).Divide(right);
        return back.Dimension.Equals(left.Dimension) && Math.Abs(back.Factor / left.Factor - 1) < 1e-12;
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Quantity_products_carry_the_product_of_units(Unit left, Unit right, NormalFloat a, NormalFloat b)
    {
        var (x, y) = (Finite(a), Finite(b));
        var product = left.Of(x) * right.Of(y);
        var expected = left.Multiply(right).Of(x * y);
        var quotientDimension = (left.Of(x) / right.Of(1)).Dimension;
        return product.Dimension.Equals(expected.Dimension)
            && Math.Abs(product.Value - expected.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value))
            && quotientDimension.Equals(left.Dimension.Divide(right.Dimension))
            && (left.Of(x) * right.Of(y)).Dimension.Equals((right.Of(y) * left.Of(x)).Dimension);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Dimension_text_round_trips_through_the_unit_parser(Unit unit)
    {
        var text = unit.Dimension.ToString();
        if (text == "") return true;
        var parsed = new FormulaParser().ParseUnit(new FormulaSource(text.Replace("·", "*", StringComparison.Ordinal).Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal), new Flywheel.UseCases.SourcePosition("f", 1, 1), "unit"));
        return text.Contains('(') || parsed.Dimension.Equals(unit.Dimension);
    }
}
