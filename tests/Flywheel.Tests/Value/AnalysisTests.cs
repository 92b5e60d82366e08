using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Value;

public class AnalysisTests
{
    private static ValueModel Inspection() => ValueModel.Load(UseCaseLoader.Load(RepoPaths.Sample("inspection")));

    [Fact]
    public void Sensitivity_sweeps_each_parameter_over_its_range_and_ranks_by_swing()
    {
        var rows = SensitivityAnalysis.Run(Inspection());
        Assert.Equal(5, rows.Count);
        var hourly = rows.Single(row => row.Parameter == "hourly_cost");
        // Range 1000..1500 JPY/h: (20×7.5 − 2×7.5) h/day × price.
        Assert.Equal(135 * 1000, hourly.ValueAtLow.Value, 1e-6);
        Assert.Equal(135 * 1500, hourly.ValueAtHigh.Value, 1e-6);
        var after = rows.Single(row => row.Parameter == "after_people");
        Assert.Equal(180_000 - 9_000, after.ValueAtLow.Value, 1e-6);
        Assert.Equal(180_000 - 45_000, after.ValueAtHigh.Value, 1e-6);
        var operation = 100_000 / 30.4375;
        Assert.Equal(10_000_000 / (171_000 - operation), after.BreakEvenDaysAtLow!.Value, 1e-9);
        Assert.True(rows.Zip(rows.Skip(1)).All(pair => pair.First.ValueSwing >= pair.Second.ValueSwing));
        Assert.Equal("hourly_cost", rows[0].Parameter); // 67,500 JPY/day swing, the largest
    }

    [Fact]
    public void A_parameter_without_range_is_swept_twenty_percent_each_way()
    {
        var model = ValueModelErrorTests.Build("parameters:\n  x: { value: 10, unit: JPY/day }\nvalue: x");
        var row = Assert.Single(SensitivityAnalysis.Run(model));
        Assert.Equal((8.0, 12.0), (row.Low, row.High));
        Assert.Equal(8, row.ValueAtLow.Value, 1e-12);
    }

    [Fact]
    public void Goal_seek_finds_the_most_people_still_needed_that_pays_back()
    {
        var result = GoalSeek.Run(Inspection(), "after_people", SeekGoal.BreakEven);
        // ((20 − p) × 9,000 − 100,000/30.4375) × 1,095.75 = 10,000,000  →  p = 20 − (10,000,000/1,095.75 + 3,285.42)/9,000
        var expected = 20 - (10_000_000 / 1095.75 + 100_000 / 30.4375) / 9_000;
        Assert.Equal("at most", result.Direction);
        Assert.Equal(expected, result.Limit!.Value, 1e-6);
        Assert.True(result.BaseMeetsGoal);
        Assert.Contains("at most", result.Message);
    }

    [Fact]
    public void Goal_seek_finds_the_lowest_hourly_cost_for_a_target_roi()
    {
        var result = GoalSeek.Run(Inspection(), "hourly_cost", new SeekGoal(2.0));
        var horizon = 1095.75;
        var operation = 100_000 / 30.4375;
        // ROI = ((135·c − op)·H − D) / (D + op·H) = 2  →  135·c = (3·D + 2·op·H)/H + op
        var expected = ((3 * 10_000_000 + 2 * operation * horizon) / horizon + operation) / 135;
        Assert.Equal("at least", result.Direction);
        Assert.Equal(expected, result.Limit!.Value, 1e-6);
    }

    [Fact]
    public void Goal_seek_says_when_no_value_works()
    {
        var model = ValueModelErrorTests.Build("parameters:\n  x: { value: 1, unit: JPY/day }\n  y: { value: 100, unit: JPY/day }\nvalue: y - min(x, 10 JPY/day) * 0\ncosts: { operation: 200 JPY/day }\n");
        var result = GoalSeek.Run(model, "y", SeekGoal.BreakEven);
        Assert.NotNull(result.Limit); // y ≥ 200 works
        var stuck = GoalSeek.Run(ValueModelErrorTests.Build("parameters:\n  x: { value: 1, unit: JPY/day }\nvalue: min(x, 10 JPY/day)\ncosts: { operation: 200 JPY/day }\n"), "x", SeekGoal.BreakEven);
        Assert.Null(stuck.Limit);
        Assert.Contains("no value", stuck.Message);
    }

    [Fact]
    public void Goal_seek_says_when_even_zero_still_works_or_the_parameter_does_not_matter()
    {
        var model = ValueModelErrorTests.Build(
            "parameters:\n  bonus: { value: 5, unit: JPY/day }\n  unused: 3\nvalue: 1000 JPY/day + bonus\ncosts: { development: 1000 JPY }");
        var zero = GoalSeek.Run(model, "bonus", SeekGoal.BreakEven);
        Assert.Equal("at least", zero.Direction);
        Assert.Equal(0, zero.Limit);
        Assert.Contains("even with 'bonus' at 0", zero.Message);
        var unused = GoalSeek.Run(model, "unused", SeekGoal.BreakEven);
        Assert.Null(unused.Limit);
        Assert.Contains("does not change the outcome", unused.Message);
    }

    [Fact]
    public void Goal_seek_from_a_base_that_misses_the_goal_finds_how_far_to_move()
    {
        // At 1,200 JPY/h the ROI is about 12, short of 20; each checker hour saved is worth more at a higher hourly cost.
        var result = GoalSeek.Run(Inspection(), "hourly_cost", new SeekGoal(20));
        Assert.False(result.BaseMeetsGoal);
        Assert.Equal("at least", result.Direction);
        var horizon = 1095.75;
        var operation = 100_000 / 30.4375;
        var expected = ((21 * 10_000_000 + 20 * operation * horizon) / horizon + operation) / 135;
        Assert.Equal(expected, result.Limit!.Value, 1e-6);
    }

    [Fact]
    public void Goal_seek_of_an_unknown_parameter_is_refused()
    {
        Assert.Contains("no parameter 'nobody'", Assert.Throws<InputException>(() => GoalSeek.Run(Inspection(), "nobody", SeekGoal.BreakEven)).Message);
    }

    [Fact]
    public void External_variables_override_parameters_and_fill_dotted_names()
    {
        var model = ValueModelErrorTests.Build(
            "parameters:\n  items: { value: 1000, unit: items/day }\n  price: { value: 50, unit: JPY/item }\nvalue: items * price * model.recall");
        Assert.Contains("model.recall", Assert.Throws<InputException>(() => model.Evaluate()).Message);
        var externals = new Dictionary<string, Quantity> { ["model.recall"] = Quantity.Dimensionless(0.8), ["price"] = UnitCatalog.Find("JPY")!.Of(60) };
        Assert.Equal(1000 * 60 * 0.8, model.Evaluate(null, externals).ValuePerDay.Value, 1e-9);
    }

    [Fact]
    public void A_negative_net_rate_never_breaks_even()
    {
        var model = ValueModelErrorTests.Build("value: 10 JPY/day\ncosts: { operation: 20 JPY/day, development: 100 JPY }");
        var payback = model.Evaluate().Payback;
        Assert.Null(payback.BreakEvenDays);
        Assert.False(payback.BreaksEvenWithinHorizon);
        Assert.Equal(-10 * 1095.75 - 100, payback.CumulativeAtHorizon, 1e-9);
    }

    [Fact]
    public void The_payback_curve_includes_the_delay_and_break_even_points()
    {
        var payback = new Payback("JPY", 1000, 0, 10_000, 30, 365.25);
        var curve = payback.Curve();
        Assert.Contains(curve, point => point.Day == 30 && point.Cumulative == -10_000);
        Assert.Contains(curve, point => point.Day == 40 && Math.Abs(point.Cumulative) < 1e-9);
        Assert.Equal(365.25, curve[^1].Day);
    }
}

public class ValueModelGraphTests
{
    [Fact]
    public void A_cycle_through_a_scenario_override_is_named_when_evaluated()
    {
        var model = ValueModelErrorTests.Build(
            "parameters:\n  p: { value: 1, unit: JPY/day }\nformulas:\n  f: p * 2\nvalue: f\nscenarios:\n  loop: { p: f / 2 }");
        Assert.Equal(2, model.Evaluate().ValuePerDay.Value, 1e-12);
        var error = Assert.Throws<InputException>(() => model.Evaluate("loop"));
        Assert.Contains("p → f → p", error.Message);
    }

    [Fact]
    public void A_dotted_parameter_is_a_default_that_an_external_replaces()
    {
        var model = ValueModelErrorTests.Build(
            "parameters:\n  model.recall: 0.8\n  fakes: { value: 100, unit: items/day }\n  loss: { value: 5000, unit: JPY/item }\nvalue: fakes * model.recall * loss");
        Assert.Equal(400_000, model.Evaluate().ValuePerDay.Value, 1e-9);
        var measured = new Dictionary<string, Quantity> { ["model.recall"] = Quantity.Dimensionless(0.5) };
        Assert.Equal(250_000, model.Evaluate(null, measured).ValuePerDay.Value, 1e-9);
    }

    [Fact]
    public void An_external_with_the_wrong_dimension_is_refused()
    {
        var model = ValueModelErrorTests.Build("parameters:\n  rate: { value: 1, unit: JPY/day }\nvalue: rate");
        var wrong = new Dictionary<string, Quantity> { ["rate"] = Quantity.Dimensionless(3) };
        Assert.Contains("external value for 'rate'", Assert.Throws<InputException>(() => model.Evaluate(null, wrong)).Message);
    }

    [Fact]
    public void Names_may_be_written_in_japanese()
    {
        var model = ValueModelErrorTests.Build("parameters:\n  審査人数: { value: 3, unit: 人 }\n  時給: { value: 1000, unit: 円/時間 }\nvalue: 審査人数 * 時給 * 8 時間/日");
        Assert.Equal(24_000, model.Evaluate().ValuePerDay.Value, 1e-9);
        Assert.Equal("JPY/day", model.Evaluate().ValuePerDay.UnitText);
    }

    [Fact]
    public void Goal_seek_treats_a_value_that_cannot_be_evaluated_as_not_meeting_the_goal()
    {
        // value = 1000 / churn: smaller churn is better, the worst value is the largest churn that still pays back.
        var model = ValueModelErrorTests.Build(
            "parameters:\n  churn: { value: 0.5, unit: 1/month }\nvalue: 1000 JPY/month / churn / 1 month\ncosts: { operation: 1500 JPY/month }");
        var result = GoalSeek.Run(model, "churn", SeekGoal.BreakEven);
        Assert.Equal("at most", result.Direction);
        Assert.Equal(1000.0 / 1500, result.Limit!.Value, 1e-9);
        var zeroBase = ValueModelErrorTests.Build(
            "parameters:\n  share: { value: 0.5 }\nvalue: 1000 JPY/month * share\ncosts: { operation: 100 JPY/month }");
        var atLeast = GoalSeek.Run(zeroBase, "share", SeekGoal.BreakEven);
        Assert.Equal("at least", atLeast.Direction);
        Assert.Equal(0.1, atLeast.Limit!.Value, 1e-9);
    }
}

public class ParameterShorthandTests
{
    [Fact]
    public void A_parameter_may_carry_its_unit_in_the_value()
    {
        var model = ValueModelErrorTests.Build(
            "parameters:\n  rate: 1200 JPY/h\n  hours: { value: 7.5 h/day, range: [6, 8] }\n  share: 0.5\nvalue: rate * hours * share");
        Assert.Equal(1200 * 7.5 * 0.5, model.Evaluate().ValuePerDay.Value, 1e-9);
        Assert.Equal("h/day", model.FindParameter("hours")!.Unit.Text);
    }

    [Fact]
    public void An_unknown_unit_in_the_shorthand_is_named_where_it_is()
    {
        var error = Assert.Throws<InputException>(() => ValueModelErrorTests.Build("parameters:\n  rate: 1200 JPY/parsec\nvalue: rate"));
        Assert.Contains("unknown unit 'parsec'", error.Message);
        Assert.Equal((5, 20), (error.Line, error.Column));
    }

    [Fact]
    public void A_unit_in_both_places_is_refused()
    {
        var error = Assert.Throws<InputException>(() => ValueModelErrorTests.Build("parameters:\n  rate: { value: 1200 JPY/h, unit: JPY/h }\nvalue: rate"));
        Assert.Contains("both", error.Message);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_refused()
    {
        var error = Assert.Throws<InputException>(() => ValueModelErrorTests.Build("parameters:\n  rate: lots\nvalue: rate"));
        Assert.Contains("must be a number", error.Message);
        Assert.Equal((5, 11), (error.Line, error.Column));
    }
}

public class FormulaDisplayUnitTests
{
    [Fact]
    public void A_formula_is_shown_in_the_unit_it_states()
    {
        var model = ValueModel.Load(UseCaseLoader.Load(RepoPaths.Sample("churn-value")));
        var kept = model.FindFormula("kept")!;
        var value = model.Evaluate().Formulas["kept"];
        Assert.Equal(40 / 30.4375, value.Value, 1e-12); // held per day
        Assert.Equal("40 customers/month", kept.Display(value));
        Assert.Equal("subscribers the offers keep each month", kept.Description);
    }

    [Fact]
    public void A_stated_unit_that_does_not_fit_is_refused()
    {
        var model = ValueModelErrorTests.Build(
            "parameters:\n  x: { value: 1, unit: JPY/day }\nformulas:\n  y: { formula: x * 2, unit: JPY }\nvalue: y");
        var error = Assert.Throws<InputException>(() => model.Evaluate());
        Assert.Contains("formula 'y': is JPY/day, but its unit says JPY", error.Message);
    }

    [Fact]
    public void A_formula_mapping_rejects_unknown_keys()
    {
        var error = Assert.Throws<InputException>(() => ValueModelErrorTests.Build("formulas:\n  y: { formula: 1 JPY/day, units: JPY }\nvalue: y"));
        Assert.Contains("unknown key 'units'", error.Message);
    }
}
