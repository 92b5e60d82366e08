using Flywheel.Data.Rules;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Data.Rules;

public class RuleLanguageTests
{
    private static readonly RuleColumn[] Columns =
    [
        new("calls", Numeric: true),
        new("minutes", Numeric: true),
        new("plan", Numeric: false, Boolean: true),
        new("state", Numeric: false),
    ];

    /// <summary>A row by column name; the rule asks by index into its own column list.</summary>
    private sealed class Row(Rule rule, Dictionary<string, object?> values) : IRuleRow
    {
        public double Number(int column) => values[rule.Columns[column].Name] is double d ? d : double.NaN;

        public string? Text(int column) => values[rule.Columns[column].Name] as string;
    }

    private static Rule Parse(string text) =>
        Rule.Parse(new FormulaSource(text, new SourcePosition("flywheel.yaml", 10, 13), "rule of plan step 'r'"), Columns);

    private static bool Holds(string text, double? calls = 0, double? minutes = 0, string? plan = "no", string? state = "KS")
    {
        var rule = Parse(text);
        var values = new Dictionary<string, object?> { ["calls"] = calls ?? double.NaN, ["minutes"] = minutes ?? double.NaN, ["plan"] = plan, ["state"] = state };
        return rule.Holds(new Row(rule, values));
    }

    [Theory]
    [InlineData("calls >= 4 or minutes > 250", 4, 0, true)]
    [InlineData("calls >= 4 or minutes > 250", 3, 251, true)]
    [InlineData("calls >= 4 or minutes > 250", 3, 250, false)]
    // 'and' binds tighter than 'or': true or (false and false) = true; (true or false) and false would be false.
    [InlineData("calls == 1 or calls == 2 and minutes == 3", 1, 0, true)]
    [InlineData("(calls == 1 or calls == 2) and minutes == 3", 1, 0, false)]
    // Arithmetic before comparison, '*' before '+': 2 + 3 * 4 = 14.
    [InlineData("calls + minutes * 4 == 14", 2, 3, true)]
    [InlineData("(calls + minutes) * 4 == 20", 2, 3, true)]
    [InlineData("-calls < -3", 4, 0, true)]
    [InlineData("minutes / calls > 100", 2, 201, true)]
    // 'not' binds looser than a comparison and tighter than 'and'.
    [InlineData("not calls > 3 and minutes > 0", 2, 1, true)]
    [InlineData("not (calls > 3 or minutes > 0)", 2, 1, false)]
    [InlineData("calls in [1, 2, 3]", 2, 0, true)]
    [InlineData("calls not in [1, 2, 3]", 2, 0, false)]
    [InlineData("calls in [-1, 4]", -1, 0, true)]
    [InlineData("true", 0, 0, true)]
    [InlineData("(calls > 3) == false", 2, 0, true)]
    public void Precedence_arithmetic_and_lists_evaluate_as_written(string rule, double calls, double minutes, bool expected) =>
        Assert.Equal(expected, Holds(rule, calls, minutes));

    [Theory]
    [InlineData("state == \"KS\"", "KS", true)]
    [InlineData("state == 'KS'", "KS", true)]
    [InlineData("state != \"KS\"", "KS", false)]
    [InlineData("state in [\"NY\", \"KS\"]", "KS", true)]
    [InlineData("state not in [\"NY\", \"KS\"]", "OH", true)]
    [InlineData("state == \"ks\"", "KS", false)] // exact, as the data holds it
    public void Strings_compare_exactly(string rule, string state, bool expected) =>
        Assert.Equal(expected, Holds(rule, state: state));

    [Theory]
    [InlineData("plan == \"yes\"", "true", true)]   // training reads a yes/no column as BOOLEAN
    [InlineData("plan == \"yes\"", "Yes", true)]    // a request may spell it its own way
    [InlineData("plan == \"yes\"", "false", false)]
    [InlineData("plan in [\"no\"]", "0", true)]
    public void A_boolean_column_compares_through_one_spelling(string rule, string plan, bool expected) =>
        Assert.Equal(expected, Holds(rule, plan: plan));

    [Theory]
    [InlineData("calls > 3", false)]            // unknown → does not hold
    [InlineData("not calls > 3", false)]        // not unknown is unknown
    [InlineData("calls > 3 or minutes > 1", true)]   // unknown or true = true
    [InlineData("calls > 3 and minutes > 100", false)]
    public void A_missing_value_is_unknown_as_in_sql(string rule, bool expected) =>
        Assert.Equal(expected, Holds(rule, calls: null, minutes: 5));

    [Fact]
    public void A_numeric_rule_predicts_a_number()
    {
        var rule = Parse("minutes * 0.5 + 10");
        Assert.False(rule.IsDecision);
        Assert.Equal(110, rule.Predict(new Row(rule, new() { ["minutes"] = 200.0 })));
        Assert.Equal(["minutes"], rule.Columns.Select(c => c.Name));
    }

    [Fact]
    public void An_unknown_column_is_named_at_its_place_in_the_file()
    {
        var error = Assert.Throws<InputException>(() => Parse("calls >= 4 or minuts > 250"));
        Assert.Contains("unknown column 'minuts'", error.Message);
        Assert.Contains("the columns are: calls, minutes, plan, state", error.Message);
        Assert.Equal(("flywheel.yaml", 10, 13 + 14), (error.File, error.Line, error.Column));
    }

    [Theory]
    [InlineData("state > 3", "cannot compare column 'state' (text) with a number", 9)]
    [InlineData("state > \"A\"", "compare numbers", 1)]
    [InlineData("calls and minutes > 1", "'and' joins conditions, not column 'calls'", 1)]
    [InlineData("calls in [1, \"a\"]", "the list holds text", 14)]
    [InlineData("calls >", "unexpected end of input", 8)]
    [InlineData("calls = 4", "compare with '=='", 7)]
    [InlineData("calls > 3 && minutes > 1", "write 'and', 'or' and 'not'", 11)]
    [InlineData("state", "the rule gives text", 1)]
    [InlineData("", "the rule is empty", 0)]
    public void Mistakes_say_what_was_expected_where(string rule, string message, int column)
    {
        var error = Assert.Throws<InputException>(() => Parse(rule));
        Assert.Contains(message, error.Message);
        Assert.Equal(13 + Math.Max(0, column - 1), error.Column);
    }

    [Theory]
    [InlineData("System.IO.File.Delete(\"x\")")]
    [InlineData("__import__('os').system('rm -rf /')")]
    [InlineData("calls > 3; File.Delete(\"x\")")]
    [InlineData("exec(\"calls\")")]
    public void Code_is_not_a_rule_there_are_no_calls(string rule)
    {
        // No functions exist: a call is a syntax error or an unknown column, never something that runs.
        var error = Assert.Throws<InputException>(() => Parse(rule));
        Assert.Equal("flywheel.yaml", error.File);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_clearly()
    {
        var deep = new string('(', Rule.MaxDepth + 1) + "calls > 1" + new string(')', Rule.MaxDepth + 1);
        var error = Assert.Throws<InputException>(() => Parse(deep));
        Assert.Contains($"at most {Rule.MaxDepth} are allowed", error.Message);
        var nots = string.Concat(Enumerable.Repeat("not ", 100)) + "calls > 1";
        Assert.Contains("levels deep", Assert.Throws<InputException>(() => Parse(nots)).Message);
        var chained = string.Join(" + ", Enumerable.Repeat("calls", 40)) + " > 1";
        Assert.Contains("levels deep", Assert.Throws<InputException>(() => Parse(chained)).Message);
        Assert.True(Parse(new string('(', Rule.MaxDepth - 2) + "calls > 1" + new string(')', Rule.MaxDepth - 2)).IsDecision);
    }
}
