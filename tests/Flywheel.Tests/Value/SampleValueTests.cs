using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Value;

public class SampleValueTests
{
    private static ValueModel LoadSample(string name) => ValueModel.Load(UseCaseLoader.Load(RepoPaths.Sample(name)));

    [Fact]
    public void Inspection_base_saves_18_people_times_7_5_hours_times_1200_yen()
    {
        var result = LoadSample("inspection").Evaluate();
        Assert.Equal("JPY/day", result.ValuePerDay.UnitText);
        Assert.Equal(162_000, result.ValuePerDay.Value, 1e-9);
        Assert.Equal("162,000 JPY/day", result.ValuePerDay.ToString());
    }

    [Theory]
    [InlineData("ten-checkers", 90_000)]
    [InlineData("ten-checkers-short-shifts", 156_000)]
    public void Inspection_scenarios_price_the_people_still_needed(string scenario, double expectedPerDay)
    {
        var result = LoadSample("inspection").Evaluate(scenario);
        Assert.Equal(scenario, result.Name);
        Assert.Equal(expectedPerDay, result.ValuePerDay.Value, 1e-9);
    }

    [Fact]
    public void Inspection_breaks_even_in_63_days_with_the_monthly_cost_converted_to_daily()
    {
        var payback = LoadSample("inspection").Evaluate().Payback;
        var operationPerDay = 100_000 / 30.4375;
        Assert.Equal(operationPerDay, payback.OperationPerDay, 1e-9);
        var expected = 10_000_000 / (162_000 - operationPerDay);
        Assert.Equal(expected, payback.BreakEvenDays!.Value, 1e-9);
        Assert.Equal(63.0, payback.BreakEvenDays.Value, 0.05);
        Assert.True(payback.BreaksEvenWithinHorizon);
        // Subtracting the whole monthly cost every day would give 10,000,000 / 62,000 ≈ 161 days.
        Assert.NotEqual(10_000_000 / 62_000.0, payback.BreakEvenDays.Value, 1);
    }

    [Fact]
    public void Inspection_cumulative_and_roi_at_three_years_follow_the_documented_definitions()
    {
        var payback = LoadSample("inspection").Evaluate().Payback;
        var horizon = 3 * 365.25;
        var operationPerDay = 100_000 / 30.4375;
        var cumulative = (162_000 - operationPerDay) * horizon - 10_000_000;
        var cost = 10_000_000 + operationPerDay * horizon;
        Assert.Equal(horizon, payback.HorizonDays, 1e-9);
        Assert.Equal(cumulative, payback.CumulativeAtHorizon, 1e-6);
        Assert.Equal(cumulative / cost, payback.Roi!.Value, 1e-9);
    }

    [Fact]
    public void Churn_value_ltv_and_ltv_to_cac_before_and_after()
    {
        var result = LoadSample("churn-value").Evaluate();
        Assert.Equal(450_000, result.Formulas["ltv_before"].Value, 1e-6);
        Assert.Equal(750_000, result.Formulas["ltv_after"].Value, 1e-6);
        Assert.Equal("JPY", result.Formulas["ltv_after"].UnitText);
        Assert.Equal(2.25, result.Formulas["ltv_cac_before"].Value, 1e-9);
        Assert.Equal(3.75, result.Formulas["ltv_cac_after"].Value, 1e-9);
        Assert.True(result.Formulas["ltv_cac_after"].IsDimensionless);
    }

    [Fact]
    public void Churn_value_starts_after_the_delay()
    {
        var payback = LoadSample("churn-value").Evaluate().Payback;
        // 10,000 subscribers × 0.004/month kept × 750,000 JPY = 30,000,000 JPY/month.
        var valuePerDay = 30_000_000 / 30.4375;
        Assert.Equal(valuePerDay, payback.ValuePerDay, 1e-6);
        Assert.Equal(3 * 30.4375, payback.DelayDays, 1e-9);
        Assert.Equal(-10_000_000, payback.CumulativeAt(payback.DelayDays), 1e-6);
        var expected = 3 * 30.4375 + 10_000_000 / (valuePerDay - 100_000 / 30.4375);
        Assert.Equal(expected, payback.BreakEvenDays!.Value, 1e-9);
    }

    [Fact]
    public void Every_scenario_is_evaluated_side_by_side_with_the_base()
    {
        var results = LoadSample("inspection").EvaluateAll();
        Assert.Equal(["base", "ten-checkers", "ten-checkers-short-shifts"], results.Select(result => result.Name));
    }
}
