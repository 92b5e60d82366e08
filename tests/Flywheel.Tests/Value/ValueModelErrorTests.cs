using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Value;

public class ValueModelErrorTests
{
    internal static ValueModel Build(string valueSection)
    {
        var yaml = "name: t\nstatement: s\nvalue:\n" + string.Join("\n", valueSection.Split('\n').Select(line => "  " + line)) + "\n";
        return ValueModel.Load(UseCaseLoader.Parse(yaml, "f.yaml"));
    }

    private static InputException Refused(string valueSection, bool evaluate = true) =>
        Assert.Throws<InputException>(() =>
        {
            var model = Build(valueSection);
            if (evaluate) model.EvaluateAll();
        });

    [Fact]
    public void Daily_minus_monthly_converts()
    {
        var model = Build("parameters:\n  daily: { value: 1000, unit: JPY/day }\n  monthly: { value: 30437.5, unit: JPY/month }\nvalue: daily - monthly");
        Assert.Equal(0, model.Evaluate().ValuePerDay.Value, 1e-9);
    }

    [Fact]
    public void Daily_minus_a_one_off_amount_is_refused_naming_both_units()
    {
        var error = Refused("parameters:\n  daily: { value: 1000, unit: JPY/day }\n  once: { value: 5, unit: JPY }\nvalue: daily - once");
        Assert.Contains("cannot subtract JPY from JPY/day", error.Message);
        Assert.Equal(("f.yaml", 7, 10), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void A_quoted_expression_reports_columns_inside_the_quotes()
    {
        var error = Refused("parameters:\n  x: 1\nvalue: \"x * y\"", evaluate: false);
        Assert.Contains("'y' is not defined", error.Message);
        Assert.Equal((6, 15), (error.Line, error.Column));
    }

    [Fact]
    public void Adding_different_currencies_is_refused()
    {
        var error = Refused("value: 1 JPY/day + 1 USD/day");
        Assert.Contains("cannot add USD/day to JPY/day", error.Message);
    }

    [Fact]
    public void Comparing_different_units_is_refused()
    {
        var error = Refused("value: if(1 JPY > 1 day, 1 JPY/day, 2 JPY/day)");
        Assert.Contains("cannot compare JPY with day", error.Message);
    }

    [Fact]
    public void A_non_dimensionless_exponent_is_refused()
    {
        Assert.Contains("exponent", Refused("value: 2 ^ (1 day) * 1 JPY/day").Message);
    }

    [Fact]
    public void Division_by_a_zero_valued_parameter_names_the_parameter()
    {
        var error = Refused("parameters:\n  profit: { value: 4500, unit: JPY/month }\n  churn: { value: 0, unit: 1/month }\nformulas:\n  ltv: profit / churn\nvalue: ltv / 1 year");
        Assert.Contains("division by zero: parameter 'churn' is 0", error.Message);
        Assert.Equal((8, 19), (error.Line, error.Column));
    }

    [Fact]
    public void A_formula_cycle_is_refused_naming_the_cycle()
    {
        var error = Refused("formulas:\n  a: b + 1 JPY/day\n  b: a * 2\nvalue: a", evaluate: false);
        Assert.Contains("a → b → a", error.Message);
        Assert.Equal("f.yaml", error.File);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void A_self_reference_is_a_cycle()
    {
        Assert.Contains("a → a", Refused("formulas:\n  a: a\nvalue: a", evaluate: false).Message);
    }

    [Fact]
    public void An_undefined_name_is_refused_with_its_position()
    {
        var error = Refused("parameters:\n  x: 1\nvalue: x * y * 1 JPY/day", evaluate: false);
        Assert.Contains("'y' is not defined", error.Message);
        Assert.Equal((6, 14), (error.Line, error.Column));
    }

    [Fact]
    public void A_bare_unit_word_hints_at_a_number()
    {
        Assert.Contains("'1 day'", Refused("parameters:\n  x: 1\nvalue: x / day", evaluate: false).Message);
    }

    [Fact]
    public void An_unknown_unit_in_a_parameter_is_named_at_its_position()
    {
        var error = Refused("parameters:\n  x: { value: 1, unit: JPY/fortnight }\nvalue: x", evaluate: false);
        Assert.Contains("unknown unit 'fortnight'", error.Message);
        Assert.Equal((5, 30), (error.Line, error.Column));
    }

    [Fact]
    public void A_parameter_named_like_a_unit_wins_after_an_operator()
    {
        // 'people' right after a number is a unit; after '*' it is the parameter, so 2 JPY/day × 3 = 6 JPY/day.
        var model = Build("parameters:\n  people: 3\nvalue: 2 JPY/day * people");
        Assert.Equal(6, model.Evaluate().ValuePerDay.Value, 1e-12);
    }

    [Fact]
    public void A_value_that_is_not_money_per_time_is_refused()
    {
        var error = Refused("value: 1000 JPY");
        Assert.Contains("money per time", error.Message);
        Assert.Contains("one-off", error.Message);
    }

    [Fact]
    public void Costs_in_the_wrong_unit_are_refused_naming_both()
    {
        var error = Refused("value: 1000 JPY/day\ncosts: { development: 5 JPY/day }");
        Assert.Contains("costs.development", error.Message);
        Assert.Contains("JPY/day", error.Message);
    }

    [Theory]
    [InlineData("development: -5 JPY", "costs.development")]
    [InlineData("operation: -5 JPY/day", "costs.operation")]
    [InlineData("delay: -1 month", "costs.delay")]
    public void Negative_costs_and_delays_are_refused(string cost, string label)
    {
        var error = Refused("value: 1000 JPY/day\ncosts: { " + cost + " }");
        Assert.Contains($"{label}: must not be negative", error.Message);
    }

    [Fact]
    public void A_horizon_must_be_a_positive_time()
    {
        Assert.Contains("horizon: must be a time", Refused("value: 1000 JPY/day\nhorizon: 3 JPY").Message);
        Assert.Contains("horizon: must be a positive time", Refused("value: 1000 JPY/day\nhorizon: 0 year").Message);
    }

    [Fact]
    public void Operation_in_another_currency_is_refused()
    {
        Assert.Contains("costs.operation", Refused("value: 1000 JPY/day\ncosts: { operation: 5 USD/month }").Message);
    }

    [Fact]
    public void A_scenario_setting_an_unknown_name_is_refused()
    {
        var error = Refused("parameters:\n  x: 1\nvalue: x * 1 JPY/day\nscenarios:\n  s: { y: 2 }", evaluate: false);
        Assert.Contains("scenario 's' sets 'y'", error.Message);
    }

    [Fact]
    public void A_scenario_override_with_the_wrong_unit_is_refused()
    {
        var error = Refused("parameters:\n  x: { value: 1, unit: JPY/day }\nvalue: x\nscenarios:\n  s: { x: 2 JPY }");
        Assert.Contains("parameter 'x' is JPY/day", error.Message);
    }

    [Fact]
    public void If_branches_must_share_a_unit()
    {
        Assert.Contains("same unit", Refused("value: if(1 > 0, 1 JPY/day, 1 JPY)").Message);
    }

    [Fact]
    public void Unknown_key_in_the_value_section_is_refused()
    {
        var error = Refused("value: 1 JPY/day\nhorizont: 3 year", evaluate: false);
        Assert.Contains("unknown key 'horizont'", error.Message);
    }

    [Fact]
    public void An_unknown_scenario_is_named()
    {
        var model = Build("value: 1 JPY/day");
        Assert.Contains("no scenario 'x'", Assert.Throws<InputException>(() => model.Evaluate("x")).Message);
    }
}
