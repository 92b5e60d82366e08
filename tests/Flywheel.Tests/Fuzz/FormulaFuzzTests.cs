using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Fuzz;

/// <summary>Hostile formulas: deep, long, or malformed; each is refused with its limit or its place, never a stack overflow.</summary>
[Trait("Category", "Fuzz")]
public class FormulaFuzzTests
{
    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    public static TheoryData<FuzzCase> Cases => new()
    {
        new("500 nested parentheses", new string('(', 500) + "1" + new string(')', 500), "at most 64 are allowed", 1, 65),
        new("3,000 nested parentheses (exit 134 before)", new string('(', 3000) + "1" + new string(')', 3000), "the formula has 6,001 tokens; at most 2,000"),
        new("65 nested parentheses", new string('(', 65) + "1" + new string(')', 65), "at most 64"),
        new("10,000 unary minus signs", new string('-', 10_000) + "1", "the formula is 10,001 characters long"),
        new("1,000 unary minus signs", new string('-', 1000) + "1", "nests more than 64 levels"),
        new("500 right-associative powers", "2" + Repeat("^2", 500), "nests more than 64 levels"),
        new("100,000-character sum", string.Join("+", Enumerable.Repeat("1", 50_000)), "at most 10,000 are allowed"),
        new("100,000-character name", new string('a', 100_000), "100,000 characters long"),
        new("3,001 tokens", string.Join("+", Enumerable.Repeat("1", 1501)), "at most 2,000 are allowed"),
        new("nested function calls", Repeat("max(", 100) + "1" + new string(')', 100), "nests more than 64 levels"),
        new("nested if", Repeat("if(1 > 0, ", 80) + "1" + Repeat(", 0)", 80), "nests more than 64 levels"),
        new("empty formula", "", "empty"),
        new("only spaces", "   ", "empty"),
        new("unknown function", "sqrt(4)", "unknown function 'sqrt'", 1, 1),
        new("if with two arguments", "if(1 > 0, 1)", "takes 3 arguments", 1, 1),
        new("max without arguments", "max()", "needs at least one argument"),
        new("unclosed parenthesis", "(1 + 2", "expected"),
        new("stray closing parenthesis", "1 + 2)", "unexpected"),
        new("two operators", "1 + * 2", "unexpected"),
        new("trailing operator", "1 +", "unexpected"),
        new("thousands separators", "10,000,000 JPY", "write large numbers without commas"),
        new("unknown unit", "5 parsecs", "unknown unit 'parsecs'", 1, 3),
        new("a character outside the alphabet", "1 $ 2", "unexpected"),
        new("a lone dot", ".", "unexpected"),
        new("a number with two dots", "1.2.3", "unexpected"),
        new("assignment instead of comparison", "a = 1", "unexpected"),
        new("a backslash", "1 \\ 2", "unexpected"),
        new("a NUL character", "1\0 + 2", "unexpected"),
        new("a comparison chain", "1 < 2 < 3", "unexpected"),
        new("empty parentheses", "()", "unexpected"),
        new("a comma at the top level", "1, 2", "write large numbers without commas"),
        new("a call on a number", "2(3)", "unexpected"),
        new("an unclosed function call", "max(1, 2", "expected"),
        new("a name then a number", "a 2", "unexpected"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_refused_with_its_limit_or_place(FuzzCase fuzz) =>
        FuzzCase.Holds(fuzz, () => new FormulaParser(name => name == "a").Parse(new FormulaSource(fuzz.Input, new SourcePosition("flywheel.yaml", 1, 1), "value")));

    [Fact]
    public void Sixty_four_levels_parse_and_evaluate()
    {
        var expression = new FormulaParser().Parse(new FormulaSource(new string('(', 64) + "2" + new string(')', 64), new SourcePosition("f", 1, 1), "value"));
        Assert.Equal(2, ((Literal)expression).Amount);
    }

    [Fact]
    public void The_limit_error_points_into_the_file()
    {
        var yaml = "name: x\nstatement: s\nvalue:\n  parameters:\n    a: {value: 1}\n  value: " + new string('(', 70) + "a" + new string(')', 70) + "\n";
        var error = Assert.Throws<InputException>(() => ValueModel.Load(UseCaseLoader.Parse(yaml, "flywheel.yaml")));
        Assert.Equal((6, 10 + 64), (error.Line, error.Column));
    }
}
