using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Value;

public class FormulaParserTests
{
    private static readonly SourcePosition At = new("f.yaml", 10, 5);

    private static Expression Parse(string text, params string[] names) =>
        new FormulaParser(names.Contains).Parse(new FormulaSource(text, At, "formula 'x'"));

    private static Quantity Evaluate(string text) => FormulaEvaluator.Evaluate(Parse(text), new FormulaSource(text, At, "formula 'x'"), new NoNames());

    private static InputException ParseError(string text, params string[] names) => Assert.Throws<InputException>(() => Parse(text, names));

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("-2 ^ 2", -4)]
    [InlineData("2 ^ -1", 0.5)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("12 / 3 / 2", 2)]
    [InlineData("- - 3", 3)]
    [InlineData("+3", 3)]
    [InlineData("10_000_000", 10_000_000)]
    [InlineData("1e3 + .5", 1000.5)]
    [InlineData("min(3, 1, 2)", 1)]
    [InlineData("max(3, 1, 2)", 3)]
    [InlineData("if(2 > 1, 10, 20)", 10)]
    [InlineData("if(2 <= 1, 10, 20)", 20)]
    [InlineData("if(2 == 2, 1, 0) + if(2 != 2, 1, 0)", 1)]
    [InlineData("if(1 >= 1, 1, 0) + if(1 < 1, 1, 0)", 1)]
    public void Arithmetic_follows_the_usual_precedence(string text, double expected) =>
        Assert.Equal(expected, Evaluate(text).Value, 1e-12);

    [Theory]
    [InlineData("1200 JPY/h * 7.5 h/day", 9_000, "JPY/day")]
    [InlineData("100000 JPY/month", 100_000 / 30.4375, "JPY/day")]
    [InlineData("3 month", 91.3125, "day")]
    [InlineData("1 year", 365.25, "day")]
    [InlineData("36 h", 1.5, "day")]
    [InlineData("90 min + 30 min", 2.0 / 24, "day")]
    [InlineData("1 week / 1 day", 7, "")]
    [InlineData("1200 円/時間", 1200 * 24, "JPY/day")]
    [InlineData("500 JPY/件 * 40 件/day", 20_000, "JPY/day")]
    [InlineData("3 people * 2 h/day", 0.25, "")]
    [InlineData("2 h^2", 2.0 / 576, "day^2")]
    [InlineData("150 JPY/USD * 10 USD", 1500, "JPY")]
    [InlineData("1200 JPY/hour", 1200 * 24, "JPY/day")]
    [InlineData("7200 s", 1.0 / 12, "day")]
    public void Units_convert_into_days_and_currencies(string text, double expected, string unit)
    {
        var quantity = Evaluate(text);
        Assert.Equal(expected, quantity.Value, 1e-9);
        Assert.Equal(unit, quantity.UnitText);
    }

    [Fact]
    public void A_name_the_model_defines_is_a_division_not_a_unit()
    {
        var expression = Parse("100 JPY / days", "days_open");
        Assert.IsType<Literal>(expression);
        var division = Assert.IsType<BinaryOperation>(Parse("100 JPY / days_open", "days_open"));
        Assert.Equal(Operator.Divide, division.Operator);
        var shadowed = Assert.IsType<BinaryOperation>(Parse("3 JPY / CAC", "CAC"));
        Assert.Equal(Operator.Divide, shadowed.Operator);
        Assert.Equal(Operator.Divide, Assert.IsType<BinaryOperation>(Parse("1 JPY / model.calls")).Operator);
        Assert.IsType<FunctionCall>(Assert.IsType<BinaryOperation>(Parse("2 JPY * max(1, 2)")).Right);
    }

    [Fact]
    public void An_unknown_word_after_a_unit_is_an_unknown_unit()
    {
        var error = ParseError("3 JPY/fortnight", "x");
        Assert.Contains("unknown unit 'fortnight'", error.Message);
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void Dotted_names_are_one_identifier()
    {
        var reference = Assert.IsType<NameReference>(Parse("decision.value_per_day"));
        Assert.Equal("decision.value_per_day", reference.Name);
        Assert.Equal(["model.recall", "x"], Parse("model.recall * x").References().Select(name => name.Name));
    }

    [Fact]
    public void A_formula_is_written_out_readably()
    {
        Assert.Equal("(a − b) × 7.5 h/day × 1,200 JPY/h", Parse("(a - b) * 7.5 h/day * 1200 JPY/h", "a", "b").ToString());
        Assert.Equal("a − (b − c)", Parse("a - (b - c)", "a", "b", "c").ToString());
    }

    [Fact]
    public void Syntax_error_names_file_line_column_and_what_was_expected()
    {
        var error = ParseError("(1 + 2");
        Assert.Equal("f.yaml", error.File);
        Assert.Equal(10, error.Line);
        Assert.Equal(11, error.Column); // column 5 in the file + offset 6 in the expression
        Assert.Contains("expected", error.Message);
        Assert.Contains("formula 'x'", error.Message);
    }

    [Fact]
    public void A_dangling_operator_says_what_was_expected()
    {
        var error = ParseError("1 +");
        Assert.Contains("expected", error.Message);
    }

    [Fact]
    public void A_thousands_separator_is_refused_with_a_hint()
    {
        var error = ParseError("10,000,000 JPY");
        Assert.Contains("without commas", error.Message);
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public void Unknown_character_is_refused_at_its_position()
    {
        var error = ParseError("1 # 2");
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public void Unknown_unit_is_named_with_its_position()
    {
        var error = ParseError("3 parsecs");
        Assert.Contains("unknown unit 'parsecs'", error.Message);
        Assert.Equal((10, 7), (error.Line, error.Column));
    }

    [Fact]
    public void Unknown_function_is_named()
    {
        var error = ParseError("sqrt(4)");
        Assert.Contains("unknown function 'sqrt'", error.Message);
    }

    [Fact]
    public void If_needs_three_arguments()
    {
        Assert.Contains("3 arguments", ParseError("if(1 > 0, 2)").Message);
    }

    [Fact]
    public void Empty_expression_is_refused()
    {
        Assert.Contains("empty", ParseError("").Message);
    }

    [Fact]
    public void Units_in_a_parameter_field_parse_on_their_own()
    {
        var parser = new FormulaParser();
        Unit ParseUnit(string text) => parser.ParseUnit(new FormulaSource(text, At, "unit"));
        Assert.Equal("1/day", ParseUnit("1/month").Dimension.ToString());
        Assert.Equal(1 / 30.4375, ParseUnit("1/month").Factor, 1e-15);
        Assert.Equal(24.0, ParseUnit("JPY/h").Factor, 1e-12);
        Assert.True(ParseUnit("people").Dimension.IsNone);
        Assert.Contains("unknown unit 'bananas'", Assert.Throws<InputException>(() => ParseUnit("JPY/bananas")).Message);
    }

    [Fact]
    public void Unit_parse_is_available_to_code()
    {
        Assert.Equal(24.0, Unit.Parse("JPY/h").Factor, 1e-12);
        Assert.Equal("JPY/day", Unit.Parse("円/日").Dimension.ToString());
        Assert.Throws<InputException>(() => Unit.Parse("JPY/parsec"));
    }

    private sealed class NoNames : INameScope
    {
        public Quantity Resolve(NameReference name, FormulaSource source) => throw new InvalidOperationException(name.Name);
        public string Describe(string name) => name;
    }
}
